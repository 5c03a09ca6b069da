package io.handoffbench.harness.worker;

/** Why a worker generation's context stopped serving. */
public enum GenerationEnding {
    /** It drained until the strategy was closed and every producer had returned. */
    SERVED_TO_END,
    /** {@link TrapSettings#trapEvery} trapped it; its state is sound and its summary was read. */
    INJECTED_TRAP,
    /** A reducer overran {@link TrapSettings#reducerTimeout} and was interrupted; its state is unknown. */
    TIMEOUT_TRAP,
    /** The context was cancelled, ran out of a resource, exited or failed internally; its state is unknown. */
    BROKEN_TRAP,
    /** The generation could not load the workload or failed outside a request; see {@link WorkerStats#failure}. */
    FAILED;

    public boolean isTrap() {
        return this == INJECTED_TRAP || this == TIMEOUT_TRAP || this == BROKEN_TRAP;
    }
}
