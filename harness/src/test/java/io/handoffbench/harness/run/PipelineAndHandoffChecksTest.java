package io.handoffbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellId;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.ClientThreads;
import io.handoffbench.harness.cell.LoadSettings;
import io.handoffbench.harness.cell.SweepSettings;
import io.handoffbench.harness.cell.TrapSettings;
import io.handoffbench.harness.metrics.LatencyLog;
import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.testing.BrokenHandoff;
import io.handoffbench.harness.testing.TestCells;
import io.handoffbench.strategy.HandoffStrategyFactory;
import io.handoffbench.strategy.idle.IdlePolicy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pipelined clients through every registered strategy with exact counts, and the checks that watch the handoff
 * itself: a strategy that loses or duplicates one request in 20,000 fails its cell within seconds, naming the client
 * and the request; a script that misapplies one transfer fails the end-state check.
 */
@Timeout(120)
class PipelineAndHandoffChecksTest {

    private static final int PIPELINE = 64;
    private static final int CLIENTS = 4;

    @TempDir
    Path tmp;

    static Stream<Arguments> strategiesAndClientThreads() {
        return TestCells.strategies().flatMap(strategy -> Stream.of(ClientThreads.VIRTUAL, ClientThreads.EVENT_LOOP)
                .map(kind -> Arguments.of(strategy, kind)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("strategiesAndClientThreads")
    void shouldServeWholeBatchesThroughEveryStrategyAndCountEveryRequest(HandoffStrategyFactory strategy,
                                                                         ClientThreads kind) throws Exception {
        CellResult result = run(cell(strategy, "transfer", LoadSettings.pipelined(PIPELINE), 1,
                SweepSettings.RequestStreams.of(1.5, 1), kind));

        assertThat(result.problems()).isEmpty();
        CellResult.Accounting counts = result.accounting();
        assertThat(counts.lost()).isZero();
        assertThat(counts.completed()).isPositive().isEqualTo(result.throughput().completed());
        assertThat(counts.submitted()).isEqualTo(counts.completed());
        // The worker ran every request every client sent, warm-up and stop included, and no other.
        assertThat(result.worker().executed()).isGreaterThanOrEqualTo(counts.submitted());
        assertThat(result.worker().endState()).startsWith("exact: all 100,000 balances");
        Histogram batches = tagged(tmp.resolve(result.hlogFile()), LatencyLog.BATCH);
        assertThat(batches.getTotalCount()).as("measured batches").isPositive()
                .isLessThanOrEqualTo(counts.completed() / PIPELINE + CLIENTS);
        assertThat(batches.getMaxValue()).as("a batch takes as long as its slowest request")
                .isGreaterThanOrEqualTo((long) (result.throughput().latency().p50Us() * 1000 * 0.9));
    }

    @Test
    void shouldCatchALostRequestInAPipelineAtOnceNamingClientAndRequest() throws Exception {
        long started = System.nanoTime();
        CellResult result = run(cell(BrokenHandoff.factory("mpsc", BrokenHandoff.Fault.LOSE, 20_000), "noop",
                LoadSettings.pipelined(PIPELINE), 10));

        // A loss shows as a gap when the client's next request reaches the worker; a batch's last request has none
        // after it until the batch is answered, so its client waits, and the stop names the request it waits for.
        assertThat(result.passed()).isFalse();
        assertThat(String.join("; ", result.problems())).containsPattern("client \\d+ requests? \\d+ (to \\d+ )?were "
                + "lost in the handoff|client \\d+ waits for its request \\d+, which the worker never took: lost");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("ended at once, not after 10 s")
                .isLessThan(Duration.ofSeconds(10));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ClientThreads.class, names = {"VIRTUAL", "EVENT_LOOP"})
    void shouldCatchADuplicateDeliveryAtOnce(ClientThreads kind) throws Exception {
        long started = System.nanoTime();
        CellResult result = run(cell(BrokenHandoff.factory("linked", BrokenHandoff.Fault.DUPLICATE, 20_000), "noop",
                LoadSettings.CLOSED_LOOP, 10, SweepSettings.RequestStreams.of(1.5, 1), kind));

        assertThat(result.passed()).isFalse();
        assertThat(String.join("; ", result.problems())).containsPattern("client \\d+ request \\d+ was delivered twice");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ClientThreads.class, names = {"VIRTUAL", "EVENT_LOOP"})
    void shouldNameTheLostRequestAClosedLoopClientWaitsForAfterTheStop(ClientThreads kind) throws Exception {
        long started = System.nanoTime();
        CellResult result = run(cell(BrokenHandoff.factory("linked", BrokenHandoff.Fault.LOSE, 20_000), "noop",
                LoadSettings.CLOSED_LOOP, 2, SweepSettings.RequestStreams.of(1.5, 1), kind));

        assertThat(result.passed()).isFalse();
        assertThat(String.join("; ", result.problems()))
                .containsPattern("client \\d+ waits for its request \\d+, which the worker never took: lost");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("within seconds of the stop, not 60 s")
                .isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void shouldFailTheEndStateCheckOnAScriptThatMisappliesOneTransfer() throws Exception {
        // Credits the next account instead of the right one, once: the total balance is conserved, so only the
        // end-state check can see it.
        CellResult result = run(cell(TestCells.strategy("mpsc"), "misapply-once.js", LoadSettings.pipelined(PIPELINE),
                1));

        assertThat(result.problems()).singleElement().asString()
                .containsPattern("end state: account \\d+ holds \\d+, but the answered requests leave it");
        assertThat(result.worker().endState()).isEqualTo("failed");
    }

    @Test
    void shouldSayWhyTheEndStateCheckDidNotRun() throws Exception {
        CellResult refused = run(cell(TestCells.strategy("linked"), "transfer", LoadSettings.CLOSED_LOOP, 1,
                new SweepSettings.RequestStreams(1.5, 1, 100, 150)));
        CellResult noop = run(cell(TestCells.strategy("linked"), "noop", LoadSettings.CLOSED_LOOP, 1));

        assertThat(refused.problems()).isEmpty();
        assertThat(refused.worker().endState()).startsWith("not run: ")
                .contains("refused for insufficient funds, so the end state depends on order");
        assertThat(noop.worker().endState()).isEqualTo("not run: the script defines no state()");
    }

    @Test
    void shouldSendEveryClientsPrecomputedRequestsInOrderWithAFixedAmount() throws Exception {
        CellResult result = run(cell(TestCells.strategy("linked"), "transfer", LoadSettings.pipelined(8), 1,
                new SweepSettings.RequestStreams(1.5, 7, 1, 1_000_000)));

        assertThat(result.problems()).isEmpty();
        assertThat(result.worker().endState()).startsWith("exact:");
        assertThat(result.worker().scriptSummary()).contains("\"insufficient\":0");
    }

    private CellResult run(CellConfig config) throws Exception {
        CellRunner runner = new CellRunner(new PrintStream(PrintStream.nullOutputStream()), () -> false);
        return runner.run(config, tmp.resolve(ResultLayout.hlog(config.id())), "test");
    }

    private static CellConfig cell(HandoffStrategyFactory strategy, String workload, LoadSettings load,
                                   int durationSeconds) throws Exception {
        return cell(strategy, workload, load, durationSeconds, SweepSettings.RequestStreams.of(1.5, 1));
    }

    private static CellConfig cell(HandoffStrategyFactory strategy, String workload, LoadSettings load,
                                   int durationSeconds, SweepSettings.RequestStreams requests) throws Exception {
        return cell(strategy, workload, load, durationSeconds, requests, ClientThreads.VIRTUAL);
    }

    private static CellConfig cell(HandoffStrategyFactory strategy, String workload, LoadSettings load,
                                   int durationSeconds, SweepSettings.RequestStreams requests, ClientThreads kind)
            throws Exception {
        SweepSettings settings = new SweepSettings(TestCells.workload(workload), kind,
                new SweepSettings.Timing(Duration.ofMillis(500), Duration.ofSeconds(durationSeconds), 0.1), requests,
                load, TrapSettings.NONE, false);
        return new CellConfig(CellId.of(strategy, CLIENTS, 1, IdlePolicy.DEFAULT), settings);
    }

    /** Every interval tagged {@code tag} in {@code hlog}, summed. */
    private static Histogram tagged(Path hlog, String tag) throws Exception {
        Histogram total = new Histogram(3);
        Set<String> tags = new HashSet<>();
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            Histogram interval;
            while ((interval = (Histogram) reader.nextIntervalHistogram()) != null) {
                tags.add(String.valueOf(interval.getTag()));
                if (tag.equals(interval.getTag())) {
                    total.add(interval);
                }
            }
        }
        assertThat(tags).contains(tag);
        return total;
    }
}
