package io.handoffbench.harness.worker;

import java.util.ArrayDeque;
import org.HdrHistogram.Histogram;

/**
 * What the worker has done so far, carried from one generation to the next: {@link JsWorker} makes one and its
 * supervisor hands the same tally to every generation it starts.
 *
 * <p>Plain fields, no locks or volatiles: only the generation that is draining writes them, and the supervisor
 * starts generation n+1 only after joining generation n, so everything n wrote happens-before n+1 starts (join,
 * then {@link Thread#start()}). {@link JsWorker#finish} reads them after joining the supervisor, which joined
 * every generation.
 */
final class WorkerTally {

    long executed;
    long executedMeasured;
    /** Measured requests the worker took from the strategy, duplicates left out, served or failed. */
    long takenMeasured;
    /** Measured requests the reducer answered without an error. */
    long answeredMeasured;
    long errors;
    long batches;
    /** Drains during which the worker executed a measured request: the measurement's share of {@link #batches}. */
    long measuredDrains;
    long replySamples;
    long replySampleNanos;
    long traps;
    /** Requests left until the next injected trap; 0 when none are injected. */
    long untilInjectedTrap;
    /** When the last trap happened; 0 once its replacement has replied to a request. */
    long trapNanos;
    final Histogram recoveryNanos = new Histogram(3);
    /** Requests a trapped generation took in the same drain after its trap, in order: the replacement runs them. */
    final ArrayDeque<Request> deferred = new ArrayDeque<>();
    /** Whether each client's requests arrive once each, in order. */
    final HandoffOrder order;

    WorkerTally(long trapEvery, HandoffOrder order) {
        this.untilInjectedTrap = trapEvery;
        this.order = order;
    }

    /** A trap at {@code now}: counted, and its recovery starts (a trap on a replacement's first request ends one). */
    void trapped(long now) {
        endRecovery(now); // trapping on its first request still answered it
        trapNanos = now;
        traps++;
    }

    /** After each reply: the first one after a trap ends its recovery. A plain read otherwise. */
    void replied() {
        if (trapNanos != 0) {
            endRecovery(System.nanoTime());
        }
    }

    private void endRecovery(long now) {
        if (trapNanos != 0) {
            recoveryNanos.recordValue(now - trapNanos);
            trapNanos = 0;
        }
    }

    /** The mean of the sampled replies' wake time in µs; NaN when none was sampled. */
    double wakeMeanUs() {
        return replySamples == 0 ? Double.NaN : replySampleNanos / 1e3 / replySamples;
    }
}
