package io.handoffbench.harness.output;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** What a result says about the machine it came from: CPU, cores, memory, load when the run started. */
public final class MachineInfo {

    private MachineInfo() {
    }

    public static Map<String, Object> probe() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("os", System.getProperty("os.name"));
        machine.put("os_version", System.getProperty("os.version"));
        machine.put("arch", System.getProperty("os.arch"));
        machine.put("cpu_model", cpuModel().orElse(null));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memory_bytes", memoryBytes().orElse(null));
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        machine.put("load_average_at_start", load < 0 ? null : load);
        machine.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        return machine;
    }

    /** From /proc/cpuinfo on Linux; empty elsewhere. */
    static Optional<String> cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name");
    }

    /** MemTotal from /proc/meminfo on Linux, in bytes; empty elsewhere. */
    static Optional<Long> memoryBytes() {
        return firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(value -> value.replace("kB", "").trim())
                .filter(value -> value.matches("\\d+"))
                .map(kib -> Long.parseLong(kib) * 1024);
    }

    private static Optional<String> firstValue(Path file, String key) {
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
