package io.handoffbench.harness.worker;

import static io.handoffbench.harness.testing.TestCells.script;
import static io.handoffbench.harness.testing.TestClients.joinAll;
import static io.handoffbench.harness.testing.TestClients.roundTrips;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoffbench.harness.client.PayloadStream;
import io.handoffbench.strategy.HandoffStrategy;
import io.handoffbench.strategy.LinkedBlockingQueueHandoff;
import io.handoffbench.strategy.MpscQueueHandoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The worker on real GraalJS, fed by a real strategy. */
@Timeout(120)
class JsWorkerTest {

    @Test
    void shouldRunEveryRequestOnItsOwnPlatformThreadAndCountItOnce() throws Exception {
        HandoffStrategy<Request> strategy = new MpscQueueHandoff<>();
        JsWorker worker = JsWorker.start(Workloads.resolve(Workloads.NOOP), strategy);
        int clients = 16;
        int perClient = 500;
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(Thread.ofVirtual().start(() -> {
                Request request = new Request(Thread.currentThread(), client);
                for (int i = 0; i < perClient; i++) {
                    String payload = "{\"client\":" + client + ",\"seq\":" + i + "}";
                    request.prepare(i, payload, true);
                    try {
                        strategy.submit(request);
                    } catch (InterruptedException e) {
                        return;
                    }
                    request.awaitReply();
                    if (!payload.equals(request.reply()) || request.servedBy() != worker.thread()) {
                        problems.add(payload + " -> " + request.reply() + " on " + request.servedBy());
                    }
                }
            }));
        }
        joinAll(threads);
        WorkerStats stats = worker.finish(Duration.ofSeconds(30));

        assertThat(problems).isEmpty();
        assertThat(worker.thread().isVirtual()).isFalse();
        assertThat(worker.thread().getName()).isEqualTo("js-worker");
        assertThat(stats.executed()).isEqualTo((long) clients * perClient);
        assertThat(stats.executedMeasured()).isEqualTo((long) clients * perClient);
        assertThat(stats.failure()).isNull();
        assertThat(stats.summaryJson()).isEqualTo("{\"requests\":" + clients * perClient + "}");
        assertThat(worker.engineInfo().jit()).as("tests run with the JVMCI flags, so JIT must be on").isTrue();
    }

    @Test
    void shouldAnswerAThrowingReducerWithAnErrorAndKeepServing() throws Exception {
        HandoffStrategy<Request> strategy = new MpscQueueHandoff<>();
        JsWorker worker = JsWorker.start(script("""
                function reduce(request) {
                  if (request === "boom") throw new TypeError("refusing " + request);
                  return request.length;
                }
                """), strategy);

        List<Request> answered = roundTrips(strategy, List.of("a", "boom", "abc", "boom", "abcd"));
        WorkerStats stats = worker.finish(Duration.ofSeconds(30));

        assertThat(answered).extracting(Request::reply).containsExactly("1", null, "3", null, "4");
        assertThat(answered.get(1).error()).contains("TypeError").contains("refusing boom");
        assertThat(stats.errors()).isEqualTo(2);
        assertThat(stats.executed()).isEqualTo(5);
        assertThat(stats.failure()).as("a thrown JS error is not a worker failure").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Java.type('java.lang.System').getenv('PATH')",
            "Java.type('java.io.File')",
            "Packages.java.lang.Runtime.getRuntime().exec('id')",
            "load('/etc/hostname')",
            "read('/etc/hostname')",
            "readFile('/etc/hostname')",
            "require('fs').readFileSync('/etc/hostname')",
            "Polyglot.eval('js', '1')",
            "new Worker('x.js')",
            "process.env.PATH",
            "fetch('http://127.0.0.1/')",
            "new java.lang.Thread()",
    })
    void shouldRefuseEveryWayOutOfTheSandbox(String escape) throws Exception {
        HandoffStrategy<Request> strategy = new MpscQueueHandoff<>();
        JsWorker worker = JsWorker.start(script("function reduce(code) { return String(eval(code)); }"), strategy);

        Request answered = roundTrips(strategy, List.of(escape)).get(0);
        WorkerStats stats = worker.finish(Duration.ofSeconds(30));

        assertThat(answered.failed()).as("%s must throw, but returned %s", escape, answered.reply()).isTrue();
        assertThat(stats.errors()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAScriptWithASyntaxError() {
        assertThatThrownBy(() -> JsWorker.start(script("function reduce(r) { return r +; }"), new MpscQueueHandoff<>()))
                .isInstanceOf(WorkloadException.class)
                .hasMessageContaining("syntax error")
                .hasMessageContaining("line 1");
    }

    @Test
    void shouldRefuseAScriptWithoutReduce() {
        assertThatThrownBy(() -> JsWorker.start(script("function reducer(r) { return r; }"), new MpscQueueHandoff<>()))
                .isInstanceOf(WorkloadException.class)
                .hasMessageContaining("defines no function reduce(request)");
    }

    @Test
    void shouldRefuseAScriptWhoseReduceIsNotAFunction() {
        assertThatThrownBy(() -> JsWorker.start(script("var reduce = 42;"), new MpscQueueHandoff<>()))
                .isInstanceOf(WorkloadException.class)
                .hasMessageContaining("defines no function reduce(request)");
    }

    @Test
    void shouldRefuseAScriptThatThrowsWhileLoading() {
        assertThatThrownBy(() -> JsWorker.start(script("throw new Error('no state for you');"), new MpscQueueHandoff<>()))
                .isInstanceOf(WorkloadException.class)
                .hasMessageContaining("failed while loading")
                .hasMessageContaining("no state for you");
    }

    @Test
    void shouldKeepTransferMoneyConstantAndCountEveryRequest() throws Exception {
        HandoffStrategy<Request> strategy = new MpscQueueHandoff<>();
        JsWorker worker = JsWorker.start(Workloads.resolve(Workloads.TRANSFER), strategy);
        PayloadStream payloads = new PayloadStream(0, 1.5, 7);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            sent.add(payloads.next());
        }
        List<Request> answered = roundTrips(strategy, sent);
        WorkerStats stats = worker.finish(Duration.ofSeconds(30));

        assertThat(answered).allSatisfy(r -> assertThat(r.reply()).isIn("ok", "insufficient_funds"));
        assertThat(stats.summaryJson())
                .contains("\"requests\":2000")
                .contains("\"totalBalance\":100000000000")
                .contains("\"totalBalanceExpected\":100000000000");
    }

    /**
     * Requests per drain covers the measurement only: 100 warm-up requests queued before the worker starts go in one
     * drain, then 50 measured round trips in the drains after it (a drain may serve several: the client's next
     * request can arrive before the drain's {@code drainTo}). Over every drain it would be 150 / batches.
     */
    @Test
    void shouldCountRequestsPerDrainOverTheMeasurementOnly() throws Exception {
        HandoffStrategy<Request> strategy = new LinkedBlockingQueueHandoff<>();
        List<Request> warmup = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Request request = new Request(Thread.currentThread(), 0);
            request.prepare(i, "w" + i, false);
            strategy.submit(request); // queued before the worker exists: its first drain takes all 100
            warmup.add(request);
        }
        JsWorker worker = JsWorker.start(Workloads.resolve(Workloads.NOOP), strategy);
        warmup.forEach(Request::awaitReply);
        Request measured = new Request(Thread.currentThread(), 0);
        for (int i = 100; i < 150; i++) {
            measured.prepare(i, "m" + i, true);
            strategy.submit(measured);
            measured.awaitReply();
        }
        WorkerStats stats = worker.finish(Duration.ofSeconds(30));

        assertThat(stats.executed()).isEqualTo(150);
        assertThat(stats.measuredDrains()).as("every drain but the warm-up's").isEqualTo(stats.batches() - 1);
        assertThat(stats.requestsPerDrain()).isEqualTo(50.0 / (stats.batches() - 1));
    }
}
