package io.handoffbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.handoffbench.harness.cell.Arrivals;
import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.LoadSettings;
import io.handoffbench.harness.cell.TrapSettings;
import io.handoffbench.harness.metrics.LatencyLog;
import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.testing.TestCells;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An open loop far beyond the worker's capacity, measured by wrk2's rule: a request is measured when its intended send
 * time falls inside the measurement. slow-echo.js serves at most about 2,000 requests a second, the schedule asks for
 * 4,000, so the backlog (or, for a rendezvous, how far the clients are behind their schedule) grows with every second
 * of warm-up. What the measurement reports must not: a measured request waits behind the warm-up's backlog, and
 * those never answered count with the lower bound of their latency instead of vanishing.
 */
@Timeout(300)
class OpenLoopOverloadTest {

    private static final double RATE = 4_000;
    private static final int CLIENTS = 8;
    private static final Duration MEASUREMENT = Duration.ofSeconds(1);

    @TempDir
    Path tmp;

    /**
     * {@code linked}: an unbounded FIFO queue, whose worker spends the measurement on the warm-up's backlog.
     * {@code rendezvous}: clients held in {@code put} fall behind their schedule and send warm-up requests late.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linked", "rendezvous"})
    void shouldReportTheSameCorrectedP99WhateverTheWarmup(String strategy) throws Exception {
        CellResult shortWarmup = run(strategy, Duration.ofSeconds(1), tmp.resolve("short"));
        CellResult longWarmup = run(strategy, Duration.ofSeconds(3), tmp.resolve("long"));

        double shortP99 = shortWarmup.throughput().latency().p99Us();
        double longP99 = longWarmup.throughput().latency().p99Us();
        assertThat(shortP99).as("corrected p99 after 1 s of warm-up").isPositive();
        assertThat(longP99).as("corrected p99 after 3 s of warm-up").isPositive();
        // The backlog at the start triples; the p99 of the requests due in the same 1 s window may not follow it.
        assertThat(Math.max(shortP99, longP99) / Math.min(shortP99, longP99))
                .as("p99 %,.0f us after 1 s of warm-up, %,.0f us after 3 s", shortP99, longP99)
                .isLessThan(1.5);
    }

    private CellResult run(String strategy, Duration warmup, Path dir) throws Exception {
        Files.createDirectories(dir);
        CellResult result = run(cell(strategy, warmup), dir);

        assertThat(result.problems()).isEmpty();
        CellResult.Accounting counts = result.accounting();
        long unanswered = counts.censored() + counts.dueUnsent();
        // The premise: the schedule really is beyond capacity, a large share of what was due never answered.
        assertThat(unanswered).as("measured requests never answered, of %d due", counts.due())
                .isGreaterThanOrEqualTo(counts.due() / 4);
        // Every request due in the window is accounted for, and what is due follows from the schedule alone.
        assertThat(counts.due()).as("due").isEqualTo(counts.completed() + counts.errors() + counts.rejected()
                + counts.timeouts() + counts.censored() + counts.dueUnsent());
        assertThat(counts.lost()).isZero();
        // The window closes when the controller wakes after its nominal length: later on a loaded machine.
        assertThat((double) counts.due()).as("due at %,.0f/s over the window", RATE)
                .isBetween(0.9 * RATE * MEASUREMENT.toMillis() / 1000, 2.0 * RATE * MEASUREMENT.toMillis() / 1000);
        // The lower bounds are in the interval log's censored series, and in the p99 the result reports.
        Path hlog = dir.resolve(result.hlogFile());
        Histogram censored = total(hlog, LatencyLog.CENSORED);
        assertThat(censored.getTotalCount()).isEqualTo(unanswered);
        Histogram all = total(hlog, null);
        all.add(censored);
        assertThat(result.throughput().latency().p99Us() * 1_000)
                .isEqualTo((double) all.getValueAtPercentile(99), within(1.0));
        return result;
    }

    private static CellResult run(CellConfig config, Path dir) throws Exception {
        CellRunner runner = new CellRunner(new PrintStream(PrintStream.nullOutputStream()), () -> false);
        return runner.run(config, dir.resolve(ResultLayout.hlog(config.id())), "test");
    }

    private static CellConfig cell(String strategy, Duration warmup) throws Exception {
        return TestCells.cell(TestCells.strategy(strategy), CLIENTS, TestCells.settings(
                TestCells.workload("slow-echo.js"), warmup, MEASUREMENT,
                new LoadSettings(RATE, Arrivals.CONSTANT, 0, null, 1), TrapSettings.NONE));
    }

    /** Every interval tagged {@code tag} (null: untagged) of {@code hlog}, added up. */
    private static Histogram total(Path hlog, String tag) throws Exception {
        Histogram total = new Histogram(3);
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            Histogram interval;
            while ((interval = (Histogram) reader.nextIntervalHistogram()) != null) {
                if (Objects.equals(interval.getTag(), tag)) {
                    total.add(interval);
                }
            }
        }
        return total;
    }
}
