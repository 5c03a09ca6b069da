package io.handoffbench.harness.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGINT/SIGTERM into an orderly stop: the hook runs {@code onSignal} (ask the running cell to stop), waits
 * for the command to write what it has, and runs {@code ifNotEndedInTime} if it could not.
 *
 * <p>Threading: the hook runs on its own thread during JVM shutdown; {@link #requested} is read by the command's
 * thread; {@link #close} is called by the command's thread when its results are written.
 */
final class StopOnSignal implements AutoCloseable {

    private static final long GRACE_SECONDS = 30;

    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    StopOnSignal(Runnable onSignal, Runnable ifNotEndedInTime) {
        hook = new Thread(() -> {
            requested = true;
            onSignal.run();
            try {
                if (!ended.await(GRACE_SECONDS, TimeUnit.SECONDS)) {
                    ifNotEndedInTime.run();
                }
            } catch (InterruptedException e) {
                ifNotEndedInTime.run();
            }
        }, "stop-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean requested() {
        return requested;
    }

    @Override
    public void close() {
        ended.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running; it was waiting for the countDown above
        }
    }
}
