package io.handoffbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.worker.GenerationEnding;
import io.handoffbench.harness.worker.WorkerStats;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The script's count of its calls against the clients' answers: equal when sound, a problem when one ran twice. */
class ScriptCountCheckTest {

    @Test
    void shouldAgreeWhenEveryCallReachedAClient() {
        // 1,000 calls: 990 answered well, 10 threw
        assertThat(ScriptCountCheck.problems(stats(10, summary(1_000)), 990, false)).isEmpty();
    }

    @Test
    void shouldFindACallNoClientReceived() {
        assertThat(ScriptCountCheck.problems(stats(10, summary(1_001)), 990, false)).containsExactly(
                "the script counted 1001 calls of reduce, but clients received 990 good answers and the reducer "
                        + "threw 10 errors");
    }

    @Test
    void shouldNotRunWhenAnAnswerMayBeDiscardedOrTheCountIsUnknown() {
        assertThat(ScriptCountCheck.problems(stats(10, summary(1_001)), 990, true)).as("--request-timeout").isEmpty();
        assertThat(ScriptCountCheck.problems(stats(10, "{\"transfers\":3}"), 990, false)).as("no requests").isEmpty();
        assertThat(ScriptCountCheck.problems(stats(10, null), 990, false)).as("no summary()").isEmpty();
    }

    private static String summary(long requests) {
        return "{\"requests\":" + requests + "}";
    }

    private static WorkerStats stats(long errors, String summaryJson) {
        return new WorkerStats(1_000, 500, errors, 100, summaryJson, null, 0, new Histogram(3),
                List.of(new WorkerStats.Generation(1, 1_000, GenerationEnding.SERVED_TO_END, summaryJson)), 1.0, 0,
                null, null, new long[0], 50, 500, 495);
    }
}
