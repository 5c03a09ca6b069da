package io.handoffbench.harness.worker;

import static io.handoffbench.harness.testing.TestCells.script;
import static io.handoffbench.harness.testing.TestClients.joinAll;
import static io.handoffbench.harness.testing.TestClients.roundTrip;
import static io.handoffbench.harness.testing.TestClients.roundTrips;
import static io.handoffbench.harness.testing.TestClients.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoffbench.harness.cell.TrapSettings;
import io.handoffbench.harness.testing.TestCells;
import io.handoffbench.strategy.HandoffStrategy;
import io.handoffbench.strategy.MpscQueueHandoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Traps and recovery on real GraalJS and every registered strategy: a trapped context is retired, a replacement
 * drains the same strategy, nothing queued is lost, nothing runs twice, and only one generation drains at a time.
 */
@Timeout(120)
class JsWorkerTrapTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Echoes its request, counts its calls, and counts any request it has already seen (a request run twice). */
    private static final String COUNTING_ECHO = """
            let requests = 0;
            let duplicates = 0;
            const seen = new Set();
            function reduce(request) {
              requests++;
              if (seen.has(request)) duplicates++;
              seen.add(request);
              return request;
            }
            function summary() {
              return JSON.stringify({ requests, duplicates });
            }
            """;

    /** Loops for ever on "spin"; otherwise echoes and counts. */
    private static final String SPINS_ON_REQUEST = """
            let requests = 0;
            function reduce(request) {
              requests++;
              if (request === "spin") { while (true) {} }
              return request;
            }
            function summary() {
              return JSON.stringify({ requests });
            }
            """;

    @ParameterizedTest
    @MethodSource("io.handoffbench.harness.testing.TestCells#strategyIds")
    void shouldLoseNothingAndRunNothingTwiceWithATrapEveryThousandRequests(String strategyId) throws Exception {
        HandoffStrategy<Request> strategy = TestCells.strategy(strategyId).create();
        JsWorker worker = JsWorker.start(script(COUNTING_ECHO), strategy, TrapSettings.trapEvery(1_000));
        int clients = 32;
        int perClient = 3_125; // 100,000 requests
        AtomicLong ok = new AtomicLong();
        AtomicLong injected = new AtomicLong();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(Thread.ofVirtual().start(() -> {
                Request request = new Request(Thread.currentThread(), client);
                for (int i = 0; i < perClient; i++) {
                    String payload = client + ":" + i;
                    request.prepare(i, payload, true);
                    try {
                        strategy.submit(request);
                    } catch (InterruptedException e) {
                        problems.add("interrupted");
                        return;
                    }
                    request.awaitReply();
                    if (!worker.isWorkerThread(request.servedBy())) {
                        problems.add(payload + " served on " + request.servedBy());
                    }
                    if (request.failed()) {
                        if (request.error().startsWith("injected trap")) {
                            injected.incrementAndGet();
                        } else {
                            problems.add(payload + " -> error " + request.error());
                        }
                    } else if (payload.equals(request.reply())) {
                        ok.incrementAndGet();
                    } else {
                        problems.add(payload + " -> " + request.reply());
                    }
                }
            }));
        }
        joinAll(threads);
        // The 100th trap was the 100,000th request; one more shows the last replacement serves, ending its recovery.
        Request probe = roundTrip(strategy, "probe");
        WorkerStats stats = worker.finish(Duration.ofSeconds(60));

        assertThat(problems).isEmpty();
        assertThat(probe.reply()).isEqualTo("probe");
        assertThat(worker.isWorkerThread(probe.servedBy())).isTrue();
        assertThat(injected.get()).isEqualTo(100);
        assertThat(ok.get()).isEqualTo(100_000 - 100);
        assertThat(stats.failure()).isNull();
        assertThat(stats.executed()).isEqualTo(100_001);
        assertThat(stats.traps()).isEqualTo(100);
        assertThat(stats.generationsStarted()).isEqualTo(101);
        assertThat(stats.recoveryNanos().getTotalCount()).isEqualTo(100);
        assertThat(stats.generations()).allSatisfy(g -> assertThat(g.summaryKnown()).isTrue());
        assertThat(stats.generations()).filteredOn(g -> g.ending() == GenerationEnding.INJECTED_TRAP).hasSize(100);
        assertThat(stats.summaryProblems()).isEmpty();

        // The JS state proves it: each context's own count, summed, is every success; no context saw a request twice.
        long countedByScripts = 0;
        for (WorkerStats.Generation generation : stats.generations()) {
            JsonNode summary = JSON.readTree(generation.summaryJson());
            countedByScripts += summary.get("requests").asLong();
            assertThat(summary.get("duplicates").asLong()).as("context %d", generation.number()).isZero();
        }
        assertThat(countedByScripts).isEqualTo(ok.get() + 1).isEqualTo(stats.executed() - stats.traps());
        System.out.printf("%s: 100 traps, recovery p50 %.2f ms, max %.2f ms%n", strategyId,
                stats.recoveryNanos().getValueAtPercentile(50) / 1e6, stats.recoveryNanos().getMaxValue() / 1e6);
    }

    @Test
    void shouldInterruptAnEndlessReducerAndServeTheRequestsQueuedBehindIt() throws Exception {
        HandoffStrategy<Request> strategy = new MpscQueueHandoff<>();
        JsWorker worker = JsWorker.start(script(SPINS_ON_REQUEST), strategy,
                TrapSettings.reducerTimeout(Duration.ofMillis(200)));
        Request first = roundTrip(strategy, "first");
        Request spin = send(strategy, "spin");
        List<Request> queuedBehind = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queuedBehind.add(send(strategy, "after-" + i)); // queued while the reducer spins
        }
        spin.awaitReply();
        for (Request request : queuedBehind) {
            request.awaitReply();
        }
        Request last = roundTrip(strategy, "last");
        WorkerStats stats = worker.finish(Duration.ofSeconds(30));

        assertThat(first.reply()).isEqualTo("first");
        assertThat(spin.failed()).isTrue();
        assertThat(spin.error()).contains("reducer timeout").contains("200 ms");
        assertThat(queuedBehind).extracting(Request::reply)
                .containsExactly("after-0", "after-1", "after-2", "after-3", "after-4");
        assertThat(last.reply()).isEqualTo("last");
        assertThat(queuedBehind.get(0).servedBy()).isNotSameAs(first.servedBy());
        assertThat(worker.isWorkerThread(queuedBehind.get(0).servedBy())).isTrue();
        assertThat(worker.isWorkerThread(first.servedBy())).isTrue();
        assertThat(stats.failure()).isNull();
        assertThat(stats.traps()).isEqualTo(1);
        assertThat(stats.generationsStarted()).isEqualTo(2);
        assertThat(stats.generations().get(0).ending()).isEqualTo(GenerationEnding.TIMEOUT_TRAP);
        assertThat(stats.generations().get(0).summaryKnown()).isFalse();
        assertThat(stats.generations().get(1).ending()).isEqualTo(GenerationEnding.SERVED_TO_END);
        assertThat(stats.recoveryNanos().getTotalCount()).isEqualTo(1);
        assertThat(stats.executed()).isEqualTo(8);
        assertThat(stats.unverifiedReducerCalls()).as("first and spin ran in the interrupted context").isEqualTo(2);
        assertThat(stats.summaryProblems()).isEmpty();
        assertThat(stats.summaryJson()).isEqualTo("{\"requests\":6}");
    }

    /** The interrupt reaches the loop in {@code finally} too: the call ends on the interrupt, not on the cancel. */
    @Test
    void shouldInterruptAReducerThatSpinsAgainInFinally() throws Exception {
        HandoffStrategy<Request> strategy = new MpscQueueHandoff<>();
        JsWorker worker = JsWorker.start(script("""
                function reduce(request) {
                  if (request === "spin") { try { while (true) {} } finally { while (true) {} } }
                  return request;
                }
                """), strategy, TrapSettings.reducerTimeout(Duration.ofMillis(100)));
        Request spin = send(strategy, "spin");
        Request after = send(strategy, "after");
        spin.awaitReply();
        after.awaitReply();
        WorkerStats stats = worker.finish(Duration.ofSeconds(30));

        assertThat(spin.error()).contains("reducer timeout");
        assertThat(after.reply()).isEqualTo("after");
        assertThat(stats.generations()).extracting(WorkerStats.Generation::ending)
                .containsExactly(GenerationEnding.TIMEOUT_TRAP, GenerationEnding.SERVED_TO_END);
        assertThat(stats.failure()).isNull();
    }

    @Test
    void shouldHandTheRestOfATrappedBatchToTheReplacementInOrder() throws Exception {
        HandoffStrategy<Request> strategy = new MpscQueueHandoff<>();
        JsWorker worker = JsWorker.start(script("""
                let requests = 0;
                function reduce(request) {
                  requests++;
                  if (request === "slow") { const end = Date.now() + 300; while (Date.now() < end) {} }
                  return request;
                }
                function summary() {
                  return JSON.stringify({ requests });
                }
                """), strategy, TrapSettings.trapEvery(3));
        Request slow = send(strategy, "slow");
        List<Request> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(send(strategy, "q" + i)); // queued while "slow" runs: drained in one batch
        }
        slow.awaitReply();
        for (Request request : queued) {
            request.awaitReply();
        }
        WorkerStats stats = worker.finish(Duration.ofSeconds(30));

        // Requests 3, 6 and 9 (q1, q4, q7) trap; the rest of each batch waits for the next generation.
        assertThat(slow.reply()).isEqualTo("slow");
        assertThat(queued).extracting(Request::reply)
                .containsExactly("q0", null, "q2", "q3", null, "q5", "q6", null, "q8", "q9");
        assertThat(queued).filteredOn(Request::failed).extracting(Request::error)
                .allSatisfy(error -> assertThat(error).startsWith("injected trap"));
        assertThat(List.of(queued.get(0), queued.get(2), queued.get(5), queued.get(8)))
                .extracting(Request::servedBy).doesNotHaveDuplicates()
                .allSatisfy(thread -> assertThat(worker.isWorkerThread(thread)).isTrue());
        assertThat(stats.batches()).as("generations 2 to 4 drained nothing: they ran what the trapped took")
                .isLessThanOrEqualTo(2);
        assertThat(stats.traps()).isEqualTo(3);
        assertThat(stats.generationsStarted()).isEqualTo(4);
        assertThat(stats.recoveryNanos().getTotalCount()).isEqualTo(3);
        assertThat(stats.generations()).extracting(WorkerStats.Generation::summaryJson)
                .containsExactly("{\"requests\":2}", "{\"requests\":2}", "{\"requests\":2}", "{\"requests\":2}");
        assertThat(stats.summaryProblems()).isEmpty();
    }

    @Test
    void shouldNotTrapOnAThrownJsError() throws Exception {
        HandoffStrategy<Request> strategy = new MpscQueueHandoff<>();
        JsWorker worker = JsWorker.start(script("""
                function reduce(request) {
                  if (request === "boom") throw new Error("refusing " + request);
                  return request;
                }
                """), strategy, new TrapSettings(Duration.ofSeconds(5), 0));
        List<Request> answered = roundTrips(strategy, List.of("a", "boom", "b"));
        WorkerStats stats = worker.finish(Duration.ofSeconds(30));

        assertThat(answered).extracting(Request::reply).containsExactly("a", null, "b");
        assertThat(answered.get(1).error()).contains("refusing boom");
        assertThat(answered).extracting(Request::servedBy).containsOnly(worker.thread());
        assertThat(stats.errors()).isEqualTo(1);
        assertThat(stats.traps()).isZero();
        assertThat(stats.generationsStarted()).isEqualTo(1);
        assertThat(stats.recoveryNanos().getTotalCount()).isZero();
        assertThat(stats.failure()).isNull();
    }
}
