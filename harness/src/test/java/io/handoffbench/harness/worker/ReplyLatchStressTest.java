package io.handoffbench.harness.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The batch wake-up under load: clients on virtual threads send batches of requests to one "worker" thread that
 * answers them in arrival order, and each client waits on its {@link ReplyLatch} with no timeout. A lost wake-up
 * leaves a client parked for ever, and the test fails on its deadline rather than passing by a timed wait; every
 * reply must also be visible to its client once the latch opens.
 */
class ReplyLatchStressTest {

    private static final int CLIENTS = 8;
    private static final int BATCHES = 20_000;

    @Test
    @Timeout(60)
    void shouldWakeEveryClientOnceItsLastReplyArrivesAndShowItEveryReply() throws Exception {
        LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
        AtomicLong served = new AtomicLong();
        Thread worker = Thread.ofPlatform().name("latch-worker").start(() -> {
            try {
                while (true) {
                    Request request = queue.poll(10, TimeUnit.SECONDS);
                    if (request == null) {
                        return;
                    }
                    request.taken();
                    request.complete(request.payload()); // the reply is the request's own payload
                    served.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(Thread.ofVirtual().start(() -> {
                int depth = 1 + client % 4; // batches of 1 to 4
                ReplyLatch latch = new ReplyLatch(Thread.currentThread());
                Request[] batch = new Request[depth];
                for (int i = 0; i < depth; i++) {
                    batch[i] = new Request(Thread.currentThread(), client, null, latch, Admission.UNLIMITED);
                }
                long sequence = 0;
                for (int b = 0; b < BATCHES; b++) {
                    latch.expect(depth);
                    for (Request request : batch) {
                        request.prepare(sequence, client + ":" + sequence++, true);
                        queue.add(request);
                    }
                    if (!latch.await()) {
                        problems.add("client " + client + " interrupted");
                        return;
                    }
                    for (Request request : batch) {
                        if (!request.payload().equals(request.reply())) {
                            problems.add("client " + client + " saw reply " + request.reply() + " for "
                                    + request.payload());
                        }
                    }
                }
            }));
        }
        for (Thread client : clients) {
            assertThat(client.join(Duration.ofSeconds(50))).as("a client still waits: a lost wake-up").isTrue();
        }
        worker.interrupt();
        worker.join();

        assertThat(problems).isEmpty();
        long expected = 0;
        for (int c = 0; c < CLIENTS; c++) {
            expected += (long) BATCHES * (1 + c % 4);
        }
        assertThat(served.get()).isEqualTo(expected);
    }
}
