package io.handoffbench.harness.output;

import static io.handoffbench.harness.testing.TestResults.ceiling;
import static io.handoffbench.harness.testing.TestResults.openLoop;
import static io.handoffbench.harness.testing.TestResults.trapped;
import static io.handoffbench.harness.testing.TestResults.trial;
import static io.handoffbench.harness.testing.TestResults.unsteady;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.EngineInfo;
import io.handoffbench.harness.output.SummaryColumn.Combine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * summary.csv as {@link SummaryColumns} writes it from hand-built cells ({@link
 * io.handoffbench.harness.testing.TestResults}); the whole-file expectations are what the harness wrote before the
 * columns had one owner, plus the format_version column.
 */
class SummaryColumnsTest {

    /** The README's order (its Output section), then the format version. */
    private static final List<String> DOCUMENTED = List.of(
            "row", "strategy", "workload", "clients", "client_threads", "trial", "trials", "duration_s", "completed",
            "errors", "tps", "tps_ci95_low", "tps_ci95_high", "efficiency", "p50_us", "p90_us", "p99_us", "p999_us",
            "max_us", "mean_us", "requests_per_drain", "steady", "jit",
            "mode", "pipeline", "submitted", "censored", "rejected", "timeouts", "late_replies", "lost", "due_unsent",
            "target_rate", "achieved_rate", "uncorrected_p50_us", "uncorrected_p99_us",
            "max_queue", "peak_depth", "peak_heap_mb", "peak_rss_mb",
            "traps", "workers", "recovery_p50_us", "recovery_max_us",
            "cpu_cores", "cpu_us_per_request", "worker_cpu_us_per_request", "worker_cpu_cores",
            "clients_cpu_us_per_request", "gc_ms", "jit_ms",
            "queue_wait_mean_us", "queue_wait_p50_us", "queue_wait_p99_us", "service_mean_us", "service_p50_us",
            "service_p99_us", "reply_mean_us", "reply_p50_us", "reply_p99_us", "wake_mean_us",
            "idle", "pinned", "profiled", "warmup_s", "jit_compilations", "jit_failures", "reduce_compiled",
            "format_version");

    /** Two ceiling trials, two strategies at 4 clients (one trial not steady), one at 64: closed loop. */
    private static final List<CellResult> CLOSED_SWEEP = List.of(
            ceiling(1, 1_000_000), trial("mpsc", 4, 1, "park", 1), trial("linked", 4, 1, "own", 1.3),
            ceiling(2, 1_030_000), trial("mpsc", 4, 2, "park", 2), unsteady(trial("linked", 4, 2, "own", 0.7)),
            trial("mpsc", 64, 1, "park", 3.3), trial("mpsc", 64, 2, "park", 4.1), trial("mpsc", 4, 3, "park", 4));

    private static final String CLOSED_SWEEP_ROWS = """
            trial,ceiling,transfer,0,virtual,1,3,10.000,10000000,0,1000000.0,,,0.9852,,,,,,,0.00,true,true,,,,,,,,,,,,\
            ,,,,,,,,,,1.00,1.000,1.000,1.00,,,,,,,,,,,,,,,,,,,,,3
            trial,mpsc,transfer,4,virtual,1,3,10.000,1000000,2,100000.0,,,0.0985,10.0,20.0,30.0,40.0,50.0,12.0,2.50,\
            true,true,closed,1,1000002,0,0,0,0,0,0,,,,,,8,64.5,256.0,0,1,,,1.50,15.000,5.000,0.50,,,,3.0,3.0,9.0,4.0,\
            4.0,12.0,5.0,5.0,15.0,0.250,park,,,,,,,3
            trial,linked,transfer,4,virtual,1,3,10.000,1300000,3,130000.0,,,0.1281,13.0,26.0,39.0,52.0,65.0,15.6,3.25,\
            true,true,closed,1,1300003,0,0,0,0,0,0,,,,,,10,83.9,332.8,0,1,,,1.95,19.500,6.500,0.65,,,,3.9,3.9,11.7,\
            5.2,5.2,15.6,6.5,6.5,19.5,0.325,own,,,,,,,3
            trial,ceiling,transfer,0,virtual,2,3,10.000,10300000,0,1030000.0,,,1.0148,,,,,,,0.00,true,true,,,,,,,,,,,,\
            ,,,,,,,,,,1.00,1.000,1.000,1.00,,,,,,,,,,,,,,,,,,,,,3
            trial,mpsc,transfer,4,virtual,2,3,10.000,2000000,4,200000.0,,,0.1970,20.0,40.0,60.0,80.0,100.0,24.0,5.00,\
            true,true,closed,1,2000004,0,0,0,0,0,0,,,,,,16,129.0,512.0,0,1,,,3.00,30.000,10.000,1.00,,,,6.0,6.0,18.0,\
            8.0,8.0,24.0,10.0,10.0,30.0,0.500,park,,,,,,,3
            trial,linked,transfer,4,virtual,2,3,10.000,700000,1,70000.0,,,0.0690,7.0,14.0,21.0,28.0,35.0,8.4,1.75,\
            false,true,closed,1,700001,0,0,0,0,0,0,,,,,,6,45.2,179.2,0,1,,,1.05,10.500,3.500,0.35,,,,2.1,2.1,6.3,2.8,\
            2.8,8.4,3.5,3.5,10.5,0.175,own,,,,,,,3
            trial,mpsc,transfer,64,virtual,1,3,10.000,3300000,7,330000.0,,,0.3251,33.0,66.0,99.0,132.0,165.0,39.6,\
            8.25,true,true,closed,1,3300007,0,0,0,0,0,0,,,,,,26,212.9,844.8,0,1,,,4.95,49.500,16.500,1.65,,,,9.9,9.9,\
            29.7,13.2,13.2,39.6,16.5,16.5,49.5,0.825,park,,,,,,,3
            trial,mpsc,transfer,64,virtual,2,3,10.000,4100000,8,410000.0,,,0.4039,41.0,82.0,123.0,164.0,205.0,49.2,\
            10.25,true,true,closed,1,4100008,0,0,0,0,0,0,,,,,,33,264.5,1049.6,0,1,,,6.15,61.500,20.500,2.05,,,,12.3,\
            12.3,36.9,16.4,16.4,49.2,20.5,20.5,61.5,1.025,park,,,,,,,3
            trial,mpsc,transfer,4,virtual,3,3,10.000,4000000,8,400000.0,,,0.3941,40.0,80.0,120.0,160.0,200.0,48.0,\
            10.00,true,true,closed,1,4000008,0,0,0,0,0,0,,,,,,32,258.0,1024.0,0,1,,,6.00,60.000,20.000,2.00,,,,12.0,\
            12.0,36.0,16.0,16.0,48.0,20.0,20.0,60.0,1.000,park,,,,,,,3
            aggregate,ceiling,transfer,0,virtual,all,2,20.000,20300000,0,1015000.0,824406.9,1205593.1,1.0000,,,,,,,\
            0.00,true,true,,,,,,,,,,,,,,,,,,,,,,1.00,1.000,1.000,1.00,,,,,,,,,,,,,,,,,,,,,3
            aggregate,mpsc,transfer,4,virtual,all,3,30.000,7000000,14,233333.3,-146125.0,612791.6,0.2299,20.0,40.0,\
            60.0,80.0,100.0,24.0,5.83,true,true,closed,1,7000014,0,0,0,0,0,0,,,,,,32,258.0,1024.0,0,3,,,3.00,30.000,\
            10.000,1.00,,,,6.0,6.0,18.0,8.0,8.0,24.0,10.0,10.0,30.0,0.500,park,,,,,,,3
            aggregate,linked,transfer,4,virtual,all,2,20.000,2000000,4,100000.0,-281186.1,481186.1,0.0985,10.0,20.0,\
            30.0,40.0,50.0,12.0,2.50,false,true,closed,1,2000004,0,0,0,0,0,0,,,,,,10,83.9,332.8,0,2,,,1.50,15.000,\
            5.000,0.50,,,,3.0,3.0,9.0,4.0,4.0,12.0,5.0,5.0,15.0,0.250,own,,,,,,,3
            aggregate,mpsc,transfer,64,virtual,all,2,20.000,7400000,15,370000.0,-138248.2,878248.2,0.3645,37.0,74.0,\
            111.0,148.0,185.0,44.4,9.25,true,true,closed,1,7400015,0,0,0,0,0,0,,,,,,33,264.5,1049.6,0,2,,,5.55,55.500,\
            18.500,1.85,,,,11.1,11.1,33.3,14.8,14.8,44.4,18.5,18.5,55.5,0.925,park,,,,,,,3
            """;

    /** An open loop at 2,000 requests a second, two trials with worker traps, and the ceiling last. */
    private static final List<CellResult> OPEN_SWEEP = List.of(
            openLoop(trial("mpsc", 8, 1, "park", 1), 2000, 1999.5),
            trapped(openLoop(trial("mpsc", 8, 2, "park", 1.11), 2000, 1987.25), 3, 1234.5, 5678.9),
            trapped(openLoop(trial("mpsc", 8, 3, "park", 0.91), 2000, 2001.75), 1, 999.5, 999.5),
            ceiling(1, 777_777.7));

    private static final String OPEN_SWEEP_ROWS = """
            trial,mpsc,transfer,8,virtual,1,3,10.000,1000000,2,100000.0,,,0.1286,10.0,20.0,30.0,40.0,50.0,12.0,2.50,\
            true,true,open,1,1000002,0,0,0,0,0,0,2000.0,1999.5,5.0,15.0,1000,8,64.5,256.0,0,1,,,1.50,15.000,5.000,\
            0.50,,,,3.0,3.0,9.0,4.0,4.0,12.0,5.0,5.0,15.0,0.250,park,,,,,,,3
            trial,mpsc,transfer,8,virtual,2,3,10.000,1110000,2,111000.0,,,0.1427,11.1,22.2,33.3,44.4,55.5,13.3,2.78,\
            true,true,open,1,1110002,0,0,0,0,0,0,2000.0,1987.3,5.0,15.0,1000,9,71.6,284.2,3,4,1234.5,5678.9,1.67,\
            16.650,5.550,0.56,,,,3.3,3.3,10.0,4.4,4.4,13.3,5.6,5.6,16.7,0.278,park,,,,,,,3
            trial,mpsc,transfer,8,virtual,3,3,10.000,910000,2,91000.0,,,0.1170,9.1,18.2,27.3,36.4,45.5,10.9,2.28,true,\
            true,open,1,910002,0,0,0,0,0,0,2000.0,2001.8,5.0,15.0,1000,7,58.7,233.0,1,2,999.5,999.5,1.37,13.650,4.550,\
            0.46,,,,2.7,2.7,8.2,3.6,3.6,10.9,4.6,4.6,13.6,0.228,park,,,,,,,3
            trial,ceiling,transfer,0,virtual,1,3,10.000,7777777,0,777777.7,,,1.0000,,,,,,,0.00,true,true,,,,,,,,,,,,,,\
            ,,,,,,,,1.00,1.000,1.000,1.00,,,,,,,,,,,,,,,,,,,,,3
            aggregate,ceiling,transfer,0,virtual,all,1,10.000,7777777,0,777777.7,,,1.0000,,,,,,,0.00,true,true,,,,,,,,\
            ,,,,,,,,,,,,,,1.00,1.000,1.000,1.00,,,,,,,,,,,,,,,,,,,,,3
            aggregate,mpsc,transfer,8,virtual,all,3,30.000,3020000,6,100666.7,75783.9,125549.4,0.1294,10.0,20.0,30.0,\
            40.0,50.0,12.0,2.52,true,true,open,1,3020006,0,0,0,0,0,0,2000.0,1999.5,5.0,15.0,1000,9,71.6,284.2,4,7,\
            1117.0,5678.9,1.50,15.000,5.000,0.50,,,,3.0,3.0,9.0,4.0,4.0,12.0,5.0,5.0,15.0,0.250,park,,,,,,,3
            """;

    @TempDir
    Path tmp;

    @Test
    void shouldWriteTheHeaderInTheDocumentedOrderWithTheFormatVersionLast() throws IOException {
        assertThat(SummaryColumns.NAMES).containsExactlyElementsOf(DOCUMENTED);
        assertThat(write(List.of(trial("mpsc", 4, 1, "park", 1)), 1).get(0)).isEqualTo(String.join(",", DOCUMENTED));
    }

    @Test
    void shouldWriteTrialRowsThenAggregateRowsCeilingFirstThenByClients() throws IOException {
        assertThat(String.join("\n", write(CLOSED_SWEEP, 3).subList(1, 14)) + "\n").isEqualTo(CLOSED_SWEEP_ROWS);
    }

    @Test
    void shouldWriteTheOpenLoopAndRecoveryColumns() throws IOException {
        assertThat(String.join("\n", write(OPEN_SWEEP, 3).subList(1, 7)) + "\n").isEqualTo(OPEN_SWEEP_ROWS);
    }

    @Test
    void shouldWriteTheWarmupUsedAndWhatTruffleCompiled() throws IOException {
        CellResult compiledEarly = warmedUp(trial("mpsc", 4, 1, "park", 1), 7.25, 120, 1, true);
        CellResult compiledLate = warmedUp(trial("mpsc", 4, 2, "park", 1), 30.0, 80, 0, false);

        List<Map<String, String>> rows = rows(write(List.of(compiledEarly, compiledLate), 2));

        assertThat(rows).extracting(row -> String.join(" ", row.get("row"), row.get("warmup_s"),
                row.get("jit_compilations"), row.get("jit_failures"), row.get("reduce_compiled")))
                .containsExactly("trial 7.3 120 1 true", "trial 30.0 80 0 false", "aggregate 18.6 200 1 false");
    }

    /** {@code cell} after a warm-up of {@code seconds}, with Truffle's compilations. */
    private static CellResult warmedUp(CellResult cell, double seconds, long compiled, long failed,
                                       boolean reducerCompiled) {
        return new CellResult(cell.cell(), cell.engine().withCompilations(new EngineInfo.Compilations(compiled,
                compiled, failed, reducerCompiled, failed > 0 ? "opt failed" : null)), cell.throughput(),
                new CellResult.Warmup(cell.warmup().tpsPerSecond(), reducerCompiled, "note", seconds), cell.worker(),
                cell.accounting(), cell.openLoop(), cell.backlog(), cell.recovery(), cell.stages(), cell.cpu(),
                cell.affinity(), cell.hlogFile(), cell.problems());
    }

    @Test
    void shouldLeaveBlankWhatDoesNotApply() throws IOException {
        List<Map<String, String>> rows = rows(write(List.of(trial("mpsc", 4, 1, "park", 1), ceiling(1, 1e6)), 1));
        Map<String, String> closedTrial = rows.get(0);
        Map<String, String> ceilingTrial = rows.get(1);

        assertThat(closedTrial).containsEntry("mode", "closed").containsEntry("tps_ci95_low", "")
                .containsEntry("tps_ci95_high", "").containsEntry("target_rate", "")
                .containsEntry("achieved_rate", "").containsEntry("uncorrected_p99_us", "")
                .containsEntry("max_queue", "").containsEntry("recovery_p50_us", "")
                .containsEntry("recovery_max_us", "");
        assertThat(ceilingTrial).containsEntry("clients", "0").containsEntry("mode", "").containsEntry("idle", "")
                .containsEntry("submitted", "").containsEntry("lost", "").containsEntry("p50_us", "")
                .containsEntry("peak_depth", "").containsEntry("traps", "").containsEntry("queue_wait_mean_us", "")
                .containsEntry("wake_mean_us", "").containsEntry("cpu_cores", "1.00");
        assertThat(rows(write(List.of(trial("mpsc", 4, 1, "park", 1)), 1)))
                .as("without a ceiling, no efficiency").allSatisfy(row -> assertThat(row).containsEntry("efficiency", ""));
        assertThat(rows.get(3)).as("one trial has no interval").containsEntry("tps_ci95_low", "")
                .containsEntry("tps", "100000.0");
    }

    @Test
    void shouldWriteTheWorkersCpuWhenPinnedAndLeaveItBlankWhenNot() throws IOException {
        CellResult pinned = trial("mpsc", 4, 1, "park", 1).withAffinity(new CellResult.Affinity(1, "0", 40, 2));

        List<Map<String, String>> rows = rows(write(List.of(pinned, trial("linked", 4, 1, "own", 1)), 1));

        assertThat(rows).filteredOn(row -> row.get("strategy").equals("mpsc"))
                .extracting(row -> row.get("row") + " " + row.get("pinned"))
                .containsExactly("trial 1", "aggregate 1");
        assertThat(rows).filteredOn(row -> row.get("strategy").equals("linked"))
                .allSatisfy(row -> assertThat(row).containsEntry("pinned", ""));
    }

    @Test
    void shouldMarkProfiledTrialsAndTheAggregateOfAnyProfiledTrial() throws IOException {
        CellResult profiled = trial("mpsc", 4, 2, "park", 1).withProfile(new CellResult.Profile("cpu",
                "cpu-clock,alluser", 1.0, 100, "profiles/mpsc-c4-t2.html", "profiles/mpsc-c4-t2.collapsed", null,
                List.of()));

        List<Map<String, String>> rows = rows(write(List.of(trial("mpsc", 4, 1, "park", 1), profiled,
                trial("linked", 4, 1, "own", 1)), 2));

        assertThat(rows).filteredOn(row -> row.get("strategy").equals("mpsc"))
                .extracting(row -> row.get("row") + " " + row.get("trial") + " " + row.get("profiled"))
                .containsExactly("trial 1 ", "trial 2 cpu", "aggregate all cpu");
        assertThat(rows).filteredOn(row -> row.get("strategy").equals("linked"))
                .allSatisfy(row -> assertThat(row).containsEntry("profiled", ""));
    }

    @Test
    void shouldCombineTrialsBySumMaxMedianMeanAndAll() throws IOException {
        // mpsc at 4 clients: trials at scale 1, 2 and 4
        Map<String, String> mpsc = rows(write(CLOSED_SWEEP, 3)).stream()
                .filter(row -> row.get("row").equals("aggregate") && row.get("strategy").equals("mpsc")
                        && row.get("clients").equals("4"))
                .findFirst().orElseThrow();
        Map<String, String> linked = rows(write(CLOSED_SWEEP, 3)).stream()
                .filter(row -> row.get("row").equals("aggregate") && row.get("strategy").equals("linked"))
                .findFirst().orElseThrow();

        assertThat(mpsc).containsEntry("trial", "all").containsEntry("trials", "3")
                .containsEntry("completed", "7000000").containsEntry("duration_s", "30.000")   // sum
                .containsEntry("peak_depth", "32").containsEntry("peak_heap_mb", "258.0")      // max
                .containsEntry("peak_rss_mb", "1024.0")                                        // max
                .containsEntry("p50_us", "20.0").containsEntry("cpu_us_per_request", "30.000") // median
                .containsEntry("requests_per_drain", "5.83")                                           // mean
                .containsEntry("tps", "233333.3")                                              // mean with CI
                .containsEntry("steady", "true").containsEntry("idle", "park");                // all, first
        assertThat(linked).containsEntry("steady", "false");
    }

    @Test
    void shouldLeaveOutTrialsWithoutAValueWhenCombining() {
        double[] values = {4, Double.NaN, 1, 2};

        assertThat(Combine.SUM.of(values)).isEqualTo(7);
        assertThat(Combine.MAX.of(values)).isEqualTo(4);
        assertThat(Combine.MEDIAN.of(values)).isEqualTo(2);
        assertThat(Combine.MEAN.of(values)).isEqualTo(7 / 3.0);
        assertThat(Combine.MEDIAN.of(new double[] {Double.NaN})).isNaN();
    }

    @Test
    void shouldGiveTheTerminalTableTheAggregateRowsValues() {
        Aggregate mpsc = Aggregate.of(CLOSED_SWEEP).stream()
                .filter(aggregate -> aggregate.strategy().equals("mpsc") && aggregate.clients() == 4)
                .findFirst().orElseThrow();

        assertThat(mpsc.trials()).isEqualTo(3);
        assertThat(mpsc.number(SummaryColumns.P50_US)).isEqualTo(20.0);
        assertThat(mpsc.number(SummaryColumns.ERRORS)).isEqualTo(14);
        assertThat(mpsc.efficiency()).isEqualTo(mpsc.tps().mean() / 1_015_000);
        assertThat(mpsc.flag(SummaryColumns.STEADY)).isTrue();
        assertThat(mpsc.number(SummaryColumns.WORKLOAD)).as("not a number").isNaN();
    }

    private List<String> write(List<CellResult> cells, int plannedTrials) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "sweep");
        SummaryCsv.write(ResultFolder.existing(dir), cells, plannedTrials);
        return Files.readAllLines(dir.resolve(ResultLayout.SUMMARY_CSV));
    }

    /** The rows after the header, by column name; none of these files quotes a field. */
    private static List<Map<String, String>> rows(List<String> lines) {
        List<String> header = List.of(lines.get(0).split(","));
        return lines.stream().skip(1).map(line -> {
            String[] fields = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), fields[i]);
            }
            return row;
        }).toList();
    }
}
