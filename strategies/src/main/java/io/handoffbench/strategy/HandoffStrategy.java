package io.handoffbench.strategy;

import java.util.function.Consumer;

/**
 * Moves requests from many producer threads to one consumer thread. Only delivery and waiting differ between
 * implementations; what the consumer does with a request is the caller's, and identical for all of them.
 *
 * <p>Threading:
 * <ol>
 *   <li>{@link #submit} may be called by any number of producer threads at once.</li>
 *   <li>{@link #drain} is called by one consumer thread at a time. A replacement consumer may take over only after
 *       the previous one has returned from its last {@code drain} and that return happens-before the takeover
 *       (for example through {@link Thread#join()}).</li>
 *   <li>{@link #close} may be called by any thread, more than once.</li>
 * </ol>
 *
 * <p>Memory ordering: everything a producer wrote before {@code submit(r)} happens-before the consumer's
 * {@code sink.accept(r)}. Nothing is promised in the other direction; replies travel by the caller's own means.
 *
 * <p>Closing: after {@code close()}, {@code submit} throws {@link HandoffClosedException} and {@code drain} stops
 * waiting. A request accepted by {@code submit} (it returned normally, or it is still blocked inside a rendezvous)
 * stays deliverable: {@code drain} hands it over and returns {@link #CLOSED} only when closed and nothing is
 * available now. Once every producer has returned from {@code submit}, a {@code CLOSED} means nothing is left; a
 * consumer that keeps draining until then never strands a request.
 *
 * @param <T> the request type; the strategy never looks inside it
 */
public interface HandoffStrategy<T> extends AutoCloseable {

    /** What {@link #drain} returns once the strategy is closed and nothing is available. */
    int CLOSED = -1;

    /**
     * Hands {@code request} to the consumer. Producer threads only. May block (a rendezvous blocks until the
     * consumer takes it; a full ring until a slot frees); an unbounded queue returns at once.
     *
     * @throws HandoffClosedException if the strategy was closed before the request was accepted
     * @throws InterruptedException if the producer is interrupted while blocked
     */
    void submit(T request) throws InterruptedException;

    /**
     * Waits until at least one request is available (or the strategy's wait gives up, or it is closed), then
     * passes up to {@code limit} requests to {@code sink}, in the order each producer submitted them. Consumer
     * thread only. {@code sink} runs on the calling thread and must not throw.
     *
     * @return how many requests were passed to {@code sink} (0 when the wait gave up with nothing), or
     *         {@link #CLOSED} when closed and nothing is available
     * @throws InterruptedException if the consumer is interrupted while waiting
     */
    int drain(Consumer<? super T> sink, int limit) throws InterruptedException;

    /**
     * How many accepted requests the consumer has not taken yet: queued ones, or producers blocked in a
     * rendezvous. Any thread, at any time; a momentary estimate (it may lag concurrent submits and drains), read
     * once a second by the runner to report backlog growth, never used to decide delivery. It may count too few
     * while requests move, never too many: at most the requests that were accepted and not yet taken at one
     * moment, so a closed loop of N clients never reads above N.
     */
    long depth();

    /** Stops accepting requests and wakes a waiting consumer. Any thread; idempotent. */
    @Override
    void close();
}
