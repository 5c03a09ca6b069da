package io.handoffbench.harness.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the kernel says about this JVM's threads: each one's name ({@code /proc/self/task/<tid>/comm}, at most 15
 * characters of the Java name) and the CPUs it may run on ({@code Cpus_allowed_list} of its {@code status}). Read
 * apart from the code under test, which uses {@code sched_getaffinity}.
 */
public final class ThreadMasks {

    /** One thread as {@code /proc} shows it. */
    public record Task(int tid, String name, String cpusAllowedList) {

        public BitSet cpus() {
            return parse(cpusAllowedList);
        }

        public boolean mayRunOn(int cpu) {
            return cpus().get(cpu);
        }

        @Override
        public String toString() {
            return tid + " " + name + " on " + cpusAllowedList;
        }
    }

    private ThreadMasks() {
    }

    /** Every thread of this JVM now; threads that end while being read are left out. */
    public static List<Task> now() throws IOException {
        List<Task> tasks = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path dir : dirs) {
                try {
                    String name = Files.readString(dir.resolve("comm")).strip();
                    String list = Files.readAllLines(dir.resolve("status")).stream()
                            .filter(line -> line.startsWith("Cpus_allowed_list:"))
                            .map(line -> line.substring(line.indexOf(':') + 1).strip())
                            .findFirst().orElseThrow();
                    tasks.add(new Task(Integer.parseInt(dir.getFileName().toString()), name, list));
                } catch (NoSuchFileException ended) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return tasks;
    }

    /** The calling thread's {@code Cpus_allowed_list}. */
    public static String ofCallingThread() throws IOException {
        return Files.readAllLines(Path.of("/proc/thread-self/status")).stream()
                .filter(line -> line.startsWith("Cpus_allowed_list:"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst().orElseThrow();
    }

    /** {@code tasks}, one a line, for assertion messages. */
    public static String describe(List<Task> tasks) {
        return tasks.stream().map(Task::toString).collect(Collectors.joining("\n"));
    }

    /** A Linux CPU list ({@code 0-2,5}) as a set. */
    public static BitSet parse(String list) {
        BitSet cpus = new BitSet();
        for (String range : list.split(",")) {
            String[] ends = range.strip().split("-");
            int from = Integer.parseInt(ends[0]);
            int to = ends.length == 1 ? from : Integer.parseInt(ends[1]);
            cpus.set(from, to + 1);
        }
        return cpus;
    }
}
