package io.handoffbench.benchmarks.handoff;

import io.handoffbench.harness.worker.Request;
import io.handoffbench.strategy.HandoffStrategy;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Strategies broken on purpose, around a real one, for the benchmarks' self-check tests. */
final class BrokenStrategies {

    private BrokenStrategies() {
    }

    /** Broken on purpose: hands every request to the consumer twice. */
    static final class Duplicating implements HandoffStrategy<Request> {
        private final HandoffStrategy<Request> inner;

        Duplicating(HandoffStrategy<Request> inner) {
            this.inner = inner;
        }

        @Override
        public void submit(Request request) throws InterruptedException {
            inner.submit(request);
        }

        @Override
        public int drain(Consumer<? super Request> sink, int limit) throws InterruptedException {
            return inner.drain(r -> {
                sink.accept(r);
                sink.accept(r);
            }, limit);
        }

        @Override
        public long depth() {
            return inner.depth();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** Broken on purpose: drops every n-th request. */
    static final class LosingEvery implements HandoffStrategy<Request> {
        private final HandoffStrategy<Request> inner;
        private final long n;
        private final AtomicLong submitted = new AtomicLong();

        LosingEvery(HandoffStrategy<Request> inner, long n) {
            this.inner = inner;
            this.n = n;
        }

        @Override
        public void submit(Request request) throws InterruptedException {
            if (submitted.incrementAndGet() % n != 0) {
                inner.submit(request);
            }
        }

        @Override
        public int drain(Consumer<? super Request> sink, int limit) throws InterruptedException {
            return inner.drain(sink, limit);
        }

        @Override
        public long depth() {
            return inner.depth();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
