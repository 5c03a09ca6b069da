package io.handoffbench.harness.report;

import java.math.BigDecimal;
import java.util.Locale;

/** Numbers for people: thousands separators, few decimals, a dash for a missing value. */
final class Format {

    static final String NONE = "–";

    private Format() {
    }

    /** {@code 427,865}. */
    static String count(double value) {
        return Double.isNaN(value) ? NONE : String.format(Locale.ROOT, "%,.0f", value);
    }

    /** {@code 427,865 ± 3,210}, or just the mean when there is no interval (fewer than 2 trials). */
    static String tpsWithCi(double mean, double halfWidth) {
        if (Double.isNaN(mean)) {
            return NONE;
        }
        return Double.isNaN(halfWidth) ? count(mean) : count(mean) + " ± " + count(halfWidth);
    }

    /** {@code 0.74x}; two decimals, as hyperfine's relative column. */
    static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? NONE : String.format(Locale.ROOT, "%.2fx", value);
    }

    /** A fraction as a percentage: {@code 0.4213} is {@code 42.1%}. */
    static String percent(double fraction) {
        return Double.isNaN(fraction) ? NONE : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** Microseconds: {@code 6,488} from 100 up, {@code 42.5} below. */
    static String micros(double value) {
        if (Double.isNaN(value)) {
            return NONE;
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** {@code 4.90 (2.40)}: CPU microseconds per request of the process, the worker's in brackets; a dash if none. */
    static String cpuPerRequest(double processUs, double workerUs) {
        if (Double.isNaN(processUs)) {
            return NONE;
        }
        String process = String.format(Locale.ROOT, "%.2f", processUs);
        return Double.isNaN(workerUs) ? process : process + String.format(Locale.ROOT, " (%.2f)", workerUs);
    }

    /** A compact TPS for chart legends: {@code 1.23M}, {@code 456k}. */
    static String compact(double value) {
        if (Double.isNaN(value)) {
            return NONE;
        }
        if (value >= 999_500) { // not 1e6: %.3g would print 999,999 as 1.00e+03k
            return String.format(Locale.ROOT, "%.3gM", value / 1e6);
        }
        return value >= 999.5 ? String.format(Locale.ROOT, "%.3gk", value / 1e3) : String.format(Locale.ROOT, "%.3g", value);
    }

    /** Seconds from run.json's options: {@code 10 s}, {@code 0.5 s}. */
    static String seconds(double value) {
        if (Double.isNaN(value)) {
            return NONE;
        }
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%.0f s", value)
                : String.format(Locale.ROOT, "%s s", stripZeros(value));
    }

    /** Memory in GiB with one decimal. */
    static String gibibytes(double bytes) {
        return Double.isNaN(bytes) ? NONE : String.format(Locale.ROOT, "%.1f GiB", bytes / (1L << 30));
    }

    /** {@code 1 client}, {@code 64 clients}. */
    static String clients(int clients) {
        return clients == 1 ? "1 client" : String.format(Locale.ROOT, "%,d clients", clients);
    }

    private static String stripZeros(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
