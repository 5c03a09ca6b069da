package io.handoffbench.harness.sweep;

import io.handoffbench.strategy.idle.IdlePolicy;
import java.util.Arrays;

/**
 * What {@code --idle} names: one of the strategies' {@link IdlePolicy} ids, or {@value #AUTO}, the harness's default,
 * which picks a policy for each cell from its clients and the machine's cores.
 *
 * <p>{@code auto} is {@code spin-park} when the clients and the worker each have a core ({@code clients < cores}):
 * nothing else wants the core the worker spins on, and the spin saves a wake-up per request. Otherwise it is
 * {@link IdlePolicy#DEFAULT} ({@code park}): with threads outnumbering cores, a spinning worker holds a core that
 * the clients need. The sweep this rests on is in {@code results/idle-policies/}.
 *
 * @param id {@value #AUTO} or an idle policy's id
 */
public record IdleChoice(String id) {

    public static final String AUTO = "auto";

    /** What a cell uses when {@code --idle} is not given. */
    public static final IdleChoice DEFAULT = new IdleChoice(AUTO);

    /** {@code auto, park, spin-park, yield, spin}. */
    public static String validIds() {
        return AUTO + ", " + IdlePolicy.validIds();
    }

    /** Whether {@code id} names a choice: {@value #AUTO} or a policy. */
    public static boolean isValid(String id) {
        return AUTO.equals(id) || Arrays.stream(IdlePolicy.values()).anyMatch(policy -> policy.id().equals(id));
    }

    /** The policy for a cell of {@code clients} clients on a machine with {@code cores} cores. */
    public IdlePolicy policyFor(int clients, int cores) {
        if (!AUTO.equals(id)) {
            return IdlePolicy.fromId(id);
        }
        return clients < cores ? IdlePolicy.SPIN_PARK : IdlePolicy.DEFAULT;
    }

    @Override
    public String toString() {
        return id;
    }
}
