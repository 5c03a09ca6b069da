package io.handoffbench.benchmarks.report;

import java.util.Locale;

/** Converts JMH's score units ({@code us/op}, {@code ops/ms} ...) to nanoseconds per operation and operations per second. */
final class Units {

    private Units() {
    }

    /** Factor from {@code unit} to ns/op ({@code us/op} gives 1,000), or NaN if it is not a time per operation. */
    static double toNanosPerOp(String unit) {
        String u = unit.trim();
        if (!u.endsWith("/op")) {
            return Double.NaN;
        }
        return nanosIn(u.substring(0, u.length() - "/op".length()));
    }

    /** Factor from {@code unit} to ops/s ({@code ops/ms} gives 1,000), or NaN if it is not operations per time. */
    static double toOpsPerSecond(String unit) {
        String u = unit.trim();
        if (!u.startsWith("ops/")) {
            return Double.NaN;
        }
        return 1e9 / nanosIn(u.substring("ops/".length()));
    }

    /** Nanoseconds in one {@code timeUnit} as JMH prints it (ns, us, ms, s, min, hr, day). */
    private static double nanosIn(String timeUnit) {
        return switch (timeUnit.toLowerCase(Locale.ROOT)) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "min" -> 60e9;
            case "hr" -> 3600e9;
            case "day" -> 86400e9;
            default -> Double.NaN;
        };
    }
}
