package io.handoffbench.harness.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The measuring JVM's resident set size, from Linux's {@code /proc/self/status}: what the heap figure leaves out
 * (thread stacks, the JIT's code and data, GraalJS's native memory, metaspace, the heap's own unused reservation).
 */
public final class ResidentMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final double KB_PER_MB = 1024.0;

    private ResidentMemory() {
    }

    /** {@code VmRSS} now, in MB; NaN where there is no {@code /proc} (not Linux) or it cannot be read. */
    public static double currentMb() {
        return fieldMb("VmRSS:");
    }

    private static double fieldMb(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field)) { // "VmRSS:	  797852 kB"
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").strip()) / KB_PER_MB;
                }
            }
            return Double.NaN;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
