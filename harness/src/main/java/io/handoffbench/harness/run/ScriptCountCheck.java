package io.handoffbench.harness.run;

import io.handoffbench.harness.worker.WorkerStats;
import java.util.List;

/**
 * The script's own count of its {@code reduce} calls (its summary's {@code requests}, summed over its contexts)
 * against the answers the clients received from a call, warm-up included: counted in JavaScript on the worker and
 * on the clients' threads, so a request run twice, or run and never answered, shows. The clients count their good
 * answers; a call that threw is an error reply, which they do not tell apart from other errors, so those come from
 * the worker's count of reducer errors.
 *
 * <p>It does not run where an answered call may not reach a client (a worker failure, {@code --request-timeout},
 * whose late answers are discarded) or where the script's count cannot be known (a timeout or broken trap, a script
 * without {@code requests}).
 */
final class ScriptCountCheck {

    private ScriptCountCheck() {
    }

    /**
     * @param goodAnswers the clients' good answers over the whole run, each to the request it names
     * @param timeouts    whether clients could give up on a request ({@code --request-timeout})
     */
    static List<String> problems(WorkerStats stats, long goodAnswers, boolean timeouts) {
        long counted = stats.scriptRequests();
        if (stats.failure() != null || timeouts || counted < 0 || counted == goodAnswers + stats.errors()) {
            return List.of();
        }
        return List.of("the script counted " + counted + " calls of reduce, but clients received " + goodAnswers
                + " good answers and the reducer threw " + stats.errors() + " errors");
    }
}
