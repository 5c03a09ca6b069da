package io.handoffbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.ClientThreads;
import io.handoffbench.harness.cell.LoadSettings;
import io.handoffbench.harness.cell.TrapSettings;
import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.testing.TestCells;
import io.handoffbench.strategy.HandoffStrategyFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every answered request's latency is recorded once through the cell's shared, striped recorders, whatever the
 * strategy and however many clients share a stripe: the totals, the stages and the interval log all count exactly
 * the completed requests, with a thread per client and with event loops. Real strategies, real GraalJS; nothing here
 * asserts a speed.
 */
@Timeout(600)
class SharedRecordingTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> cells() {
        return TestCells.strategies().flatMap(strategy -> Stream.of(1, 2_000).flatMap(n -> Stream.of(
                ClientThreads.VIRTUAL, ClientThreads.EVENT_LOOP).map(kind -> Arguments.of(strategy, n, kind))));
    }

    @ParameterizedTest(name = "{0} at {1} clients, {2}")
    @MethodSource("cells")
    void shouldRecordEveryCompletedRequestOnce(HandoffStrategyFactory strategy, int clients, ClientThreads kind)
            throws Exception {
        CellConfig config = TestCells.cell(strategy, clients, TestCells.settings(TestCells.workload("noop"),
                Duration.ofMillis(200), Duration.ofMillis(1_500), LoadSettings.CLOSED_LOOP, TrapSettings.NONE, kind));
        Path hlog = tmp.resolve(ResultLayout.hlog(config.id()));
        CellResult result = new CellRunner(new PrintStream(PrintStream.nullOutputStream()), () -> false)
                .run(config, hlog, "test");

        assertThat(result.problems()).isEmpty();
        long completed = result.accounting().completed();
        assertThat(completed).isPositive();
        assertThat(result.throughput().latency().count()).as("end to end").isEqualTo(completed);
        assertThat(result.stages().queueWait().count()).as("queue wait").isEqualTo(completed);
        assertThat(result.stages().service().count()).as("service").isEqualTo(completed);
        assertThat(result.stages().reply().count()).as("reply").isEqualTo(completed);
        assertThat(untaggedCount(hlog)).as("the interval log's per-second intervals").isEqualTo(completed);
        assertThat(result.cell().clientThreads()).isEqualTo(kind.id());
    }

    /** Latencies in the untagged (end-to-end, per-second) intervals of {@code hlog}. */
    private static long untaggedCount(Path hlog) throws Exception {
        long count = 0;
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            Histogram interval;
            while ((interval = (Histogram) reader.nextIntervalHistogram()) != null) {
                if (interval.getTag() == null) {
                    count += interval.getTotalCount();
                }
            }
        }
        return count;
    }
}
