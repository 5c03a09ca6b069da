package io.handoffbench.harness.worker;

import io.handoffbench.harness.cell.TrapSettings;

/**
 * How a worker is set up beyond its workload and strategy.
 *
 * @param traps          when it gives up on a context
 * @param globals        what the script sees as {@code HANDOFF_BENCH} when it loads
 * @param orderedClients how many clients (numbered from 0) number their requests for the worker to check that each
 *                       arrives once, in order; 0 checks nothing
 */
public record WorkerConfig(TrapSettings traps, ScriptGlobals globals, int orderedClients) {

    /** No reducer timeout, no injected traps, the default globals, no order check. */
    public static final WorkerConfig DEFAULT = new WorkerConfig(TrapSettings.NONE, ScriptGlobals.DEFAULT, 0);

    /** The defaults with {@code traps}. */
    public static WorkerConfig of(TrapSettings traps) {
        return new WorkerConfig(traps, ScriptGlobals.DEFAULT, 0);
    }
}
