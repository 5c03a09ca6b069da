package io.handoffbench.harness.worker;

import io.handoffbench.harness.affinity.WorkerPinning;
import io.handoffbench.harness.cell.TrapSettings;

/**
 * How a worker is set up beyond its workload and strategy.
 *
 * @param traps          when it gives up on a context
 * @param globals        what the script sees as {@code HANDOFF_BENCH} when it loads
 * @param orderedClients how many clients (numbered from 0) number their requests for the worker to check that each
 *                       arrives once, in order; 0 checks nothing
 * @param pinning        where each generation's thread pins itself first ({@code --pin-worker}), or
 *                       {@link WorkerPinning#NONE}
 */
public record WorkerConfig(TrapSettings traps, ScriptGlobals globals, int orderedClients, WorkerPinning pinning) {

    /** No reducer timeout, no injected traps, the default globals, no order check, not pinned. */
    public static final WorkerConfig DEFAULT = new WorkerConfig(TrapSettings.NONE, ScriptGlobals.DEFAULT, 0,
            WorkerPinning.NONE);

    /** The defaults with {@code traps}. */
    public static WorkerConfig of(TrapSettings traps) {
        return new WorkerConfig(traps, ScriptGlobals.DEFAULT, 0, WorkerPinning.NONE);
    }
}
