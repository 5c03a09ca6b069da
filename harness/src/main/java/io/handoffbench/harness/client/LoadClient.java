package io.handoffbench.harness.client;

/** A client of a cell, run on its own thread; closed or open loop. */
public interface LoadClient extends Runnable {

    /** Its account of every request. */
    ClientLedger ledger();
}
