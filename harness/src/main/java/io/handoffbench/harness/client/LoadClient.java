package io.handoffbench.harness.client;

/**
 * A client of a cell with a thread of its own: closed loop, pipelined or open loop. Its account is the
 * {@link ClientLedger} it was given. ({@link ClientLoop} serves many clients on one thread instead.)
 */
public interface LoadClient extends Runnable {
}
