package io.handoffbench.harness.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * A hand-made result folder in the sweep's format: 2 strategies × 2 clients levels × 2 trials, their aggregates,
 * the ceiling, a run.json and real HdrHistogram interval logs with known values.
 *
 * <p>The aggregate numbers, chosen so the report's can be checked by hand (ceiling 1,010,000 TPS):
 * <pre>
 * clients  strategy    TPS ± CI            relative          efficiency             steady
 *    4     linked      300,000 ± 50,000    1.00x             300/1010 = 29.7%       yes
 *    4     rendezvous  200,000 ± 10,000    200/300 = 0.67x   200/1010 = 19.8%       yes
 *   64     rendezvous  450,000 ±  5,000    1.00x             450/1010 = 44.6%       no
 *   64     linked      405,000 ± 20,000    405/450 = 0.90x   405/1010 = 40.1%       yes
 * </pre>
 * The 64-client rows come first in the file, and linked before rendezvous at each level, so that order in the
 * report is the report's own doing.
 *
 * <p>Latency logs at 64 clients, per trial, two one-second intervals each of: linked 1,000 × 500 µs and 10 × 5 ms;
 * rendezvous 1,000 × 300 µs and 10 × 20 ms.
 */
public final class SweepFolderFixture {

    public static final String HEADER = "row,strategy,workload,clients,client_threads,trial,trials,duration_s,completed,"
            + "errors,tps,tps_ci95_low,tps_ci95_high,efficiency,p50_us,p90_us,p99_us,p999_us,max_us,mean_us,"
            + "mean_batch,steady,jit,mode,submitted,unserved,rejected,timeouts,late_replies,lost,target_rate,"
            + "achieved_rate,uncorrected_p50_us,uncorrected_p99_us,max_queue,peak_depth,peak_heap_mb,traps,workers,"
            + "recovery_p50_us,recovery_max_us,cpu_cores,cpu_us_per_request,worker_cpu_us_per_request,worker_cpu_cores,"
            + "queue_wait_mean_us,queue_wait_p50_us,queue_wait_p99_us,"
            + "service_mean_us,service_p50_us,service_p99_us,reply_mean_us,reply_p50_us,reply_p99_us,wake_mean_us,"
            + "idle";

    public static final List<String> TRIAL_AND_AGGREGATE_ROWS = List.of(
            "trial,linked,transfer,64,virtual,1,2,10.000,3900000,0,390000.0,,,0.3861,700.0,900.0,"
                    + "1500.0,2500.0,9000.0,750.0,12.50,true,true,closed,3900000,0,0,0,0,0,,,,,,64,300.0,0,1,,,"
                    + "1.96,4.90,2.40,0.98,450.0,450.0,1350.0,1.0,1.0,2.0,299.0,299.0,897.0,0.850,own",
            "trial,linked,transfer,64,virtual,2,2,10.000,4200000,0,420000.0,,,0.4158,710.0,910.0,"
                    + "1510.0,2520.0,9100.0,760.0,12.70,true,true,closed,4200000,0,0,0,0,0,,,,,,64,300.0,0,1,,,"
                    + "1.96,4.90,2.40,0.98,456.0,456.0,1368.0,1.0,1.0,2.0,303.0,303.0,909.0,0.850,own",
            "aggregate,linked,transfer,64,virtual,all,2,10.000,8100000,0,405000.0,385000.0,425000.0,"
                    + "0.40099,705.0,905.0,1505.0,2510.0,9100.0,755.0,12.60,true,true,closed,8100000,0,0,0,0,0,"
                    + ",,,,,64,300.0,0,2,,,1.96,4.90,2.40,0.98,453.0,453.0,1359.0,1.0,1.0,2.0,301.0,301.0,"
                    + "903.0,0.850,own",
            "trial,rendezvous,transfer,64,virtual,1,2,10.000,4450000,0,445000.0,,,0.4406,600.0,800.0,"
                    + "6400.0,9400.0,21000.0,650.0,2.40,false,true,closed,4450000,0,0,0,0,0,,,,,,64,300.0,0,1,,"
                    + ",1.97,4.40,2.20,0.99,390.0,390.0,1170.0,1.0,1.0,2.0,259.0,259.0,777.0,1.200,own",
            "trial,rendezvous,transfer,64,virtual,2,2,10.000,4550000,3,455000.0,,,0.4505,610.0,810.0,"
                    + "6500.0,9500.0,22000.0,660.0,2.50,true,true,closed,4550003,0,0,0,0,0,,,,,,64,300.0,0,1,,,"
                    + "1.97,4.40,2.20,0.99,396.0,396.0,1188.0,1.0,1.0,2.0,263.0,263.0,789.0,1.200,own",
            "aggregate,rendezvous,transfer,64,virtual,all,2,10.000,9000000,3,450000.0,445000.0,"
                    + "455000.0,0.44554,605.0,805.0,6488.0,9486.0,22000.0,655.0,2.45,false,true,closed,9000003,"
                    + "0,0,0,0,0,,,,,,64,300.0,0,2,,,1.97,4.40,2.20,0.99,393.0,393.0,1179.0,1.0,1.0,2.0,261.0,"
                    + "261.0,783.0,1.200,own",
            "trial,linked,transfer,4,virtual,1,2,10.000,2900000,0,290000.0,,,0.2871,12.0,20.0,48.0,"
                    + "95.0,400.0,13.0,1.10,true,true,closed,2900000,0,0,0,0,0,,,,,,4,300.0,0,1,,,1.88,6.50,"
                    + "3.10,0.90,7.8,7.8,23.4,1.0,1.0,2.0,4.2,4.2,12.6,0.850,own",
            "trial,linked,transfer,4,virtual,2,2,10.000,3100000,0,310000.0,,,0.3069,13.0,21.0,48.0,"
                    + "96.0,410.0,13.5,1.10,true,true,closed,3100000,0,0,0,0,0,,,,,,4,300.0,0,1,,,1.88,6.50,"
                    + "3.10,0.90,8.1,8.1,24.3,1.0,1.0,2.0,4.4,4.4,13.2,0.850,own",
            "aggregate,linked,transfer,4,virtual,all,2,10.000,6000000,0,300000.0,250000.0,350000.0,"
                    + "0.29703,12.5,20.5,48.0,95.5,410.0,13.25,1.10,true,true,closed,6000000,0,0,0,0,0,,,,,,4,"
                    + "300.0,0,2,,,1.88,6.50,3.10,0.90,7.9,7.9,23.7,1.0,1.0,2.0,4.3,4.3,12.9,0.850,own",
            "trial,rendezvous,transfer,4,virtual,1,2,10.000,1950000,0,195000.0,,,0.1931,18.0,25.0,"
                    + "1234.4,2000.0,3000.0,19.0,1.00,true,true,closed,1950000,0,0,0,0,0,,,,,,4,300.0,0,1,,,"
                    + "1.90,9.80,4.60,0.89,11.4,11.4,34.2,1.0,1.0,2.0,6.6,6.6,19.8,1.200,own",
            "trial,rendezvous,transfer,4,virtual,2,2,10.000,2050000,0,205000.0,,,0.2030,18.0,25.0,"
                    + "1234.4,2000.0,3000.0,19.0,1.00,true,true,closed,2050000,0,0,0,0,0,,,,,,4,300.0,0,1,,,"
                    + "1.90,9.80,4.60,0.89,11.4,11.4,34.2,1.0,1.0,2.0,6.6,6.6,19.8,1.200,own",
            "aggregate,rendezvous,transfer,4,virtual,all,2,10.000,4000000,0,200000.0,190000.0,"
                    + "210000.0,0.19802,18.0,25.0,1234.4,2000.0,3000.0,19.0,1.00,true,true,closed,4000000,0,0,"
                    + "0,0,0,,,,,,4,300.0,0,2,,,1.90,9.80,4.60,0.89,11.4,11.4,34.2,1.0,1.0,2.0,6.6,6.6,19.8,"
                    + "1.200,own");

    public static final List<String> CEILING_ROWS = List.of(
            "trial,ceiling,transfer,0,virtual,1,2,10.000,10000000,0,1000000.0,,,1,,,,,,,,true,true,,,"
                    + ",,,,,,,,,,,,,,,,1.01,1.00,0.99,1.00,,,,,,,,,,,",
            "trial,ceiling,transfer,0,virtual,2,2,10.000,10200000,0,1020000.0,,,1,,,,,,,,true,true,,,"
                    + ",,,,,,,,,,,,,,,,1.01,1.00,0.99,1.00,,,,,,,,,,,",
            "aggregate,ceiling,transfer,0,virtual,all,2,10.000,20200000,0,1010000.0,882940.0,"
                    + "1137060.0,1,,,,,,,,true,true,,,,,,,,,,,,,,,,,,,1.01,1.00,0.99,1.00,,,,,,,,,,,");

    public static final String RUN_JSON = """
            {
              "status": "complete",
              "tool": "handoff-bench",
              "started_at": "2026-11-27T00:00:00Z",
              "finished_at": "2026-11-27T00:02:00Z",
              "git_commit": "0123456789abcdef0123456789abcdef01234567",
              "options": {"strategies": ["linked", "rendezvous"], "clients": [4, 64], "trials": 2,
                          "workload": "transfer", "warmup_s": 5.0, "duration_s": 10.0, "forks": 1},
              "workload": {"name": "transfer"},
              "graaljs": {"version": "25.0.5", "implementation": "GraalVM CE", "jit": true},
              "jvm": {"java_version": "25.0.3", "vm_name": "OpenJDK 64-Bit Server VM", "vendor": "Eclipse Adoptium"},
              "machine": {"os": "Linux", "arch": "amd64", "cores": 2, "cpu_model": "Test CPU @ 2.0GHz",
                          "memory_bytes": 25769803776, "load_average_at_start": 0.5},
              "warnings": ["64 clients & the worker share 2 cores <see README>"],
              "ceiling": {"tps_mean": 1010000.0, "tps_ci95_low": 882940.0, "tps_ci95_high": 1137060.0}
            }
            """;

    private SweepFolderFixture() {
    }

    /** Writes the whole fixture into {@code dir} (created if needed) and returns it. */
    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        writeSummary(dir, TRIAL_AND_AGGREGATE_ROWS, CEILING_ROWS);
        Files.writeString(dir.resolve("run.json"), RUN_JSON);
        for (int trial = 1; trial <= 2; trial++) {
            writeLog(dir.resolve("linked-c64-t" + trial + ".hlog"), 500_000, 5_000_000);
            writeLog(dir.resolve("rendezvous-c64-t" + trial + ".hlog"), 300_000, 20_000_000);
            writeLog(dir.resolve("linked-c4-t" + trial + ".hlog"), 12_000, 95_000);
            writeLog(dir.resolve("rendezvous-c4-t" + trial + ".hlog"), 18_000, 2_000_000);
        }
        return dir;
    }

    @SafeVarargs
    public static void writeSummary(Path dir, List<String>... rows) throws IOException {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (List<String> part : rows) {
            part.forEach(row -> csv.append(row).append('\n'));
        }
        Files.writeString(dir.resolve("summary.csv"), csv);
    }

    /** Two one-second intervals, each 1,000 values at {@code bodyNanos} and 10 at {@code tailNanos}. */
    public static void writeLog(Path file, long bodyNanos, long tailNanos) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment("fixture: " + file.getFileName());
            writer.outputLogFormatVersion();
            writer.outputStartTime(1_795_737_600_000L);
            writer.setBaseTime(1_795_737_600_000L);
            writer.outputLegend();
            for (int second = 0; second < 2; second++) {
                Histogram interval = new Histogram(3);
                interval.recordValueWithCount(bodyNanos, 1_000);
                interval.recordValueWithCount(tailNanos, 10);
                writer.outputIntervalHistogram(second, second + 1, interval, 1e6);
            }
        }
    }
}
