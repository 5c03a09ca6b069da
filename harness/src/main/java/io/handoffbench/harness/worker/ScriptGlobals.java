package io.handoffbench.harness.worker;

import io.handoffbench.harness.cell.SweepSettings;
import java.util.Locale;

/**
 * What a script sees as the frozen global {@code HANDOFF_BENCH} when it loads: the settings a workload's state is
 * built from ({@code --initial-balance}). Defined before the script runs, in every context alike.
 *
 * @param initialBalance every account's balance at load time
 */
public record ScriptGlobals(long initialBalance) {

    public static final ScriptGlobals DEFAULT =
            new ScriptGlobals(SweepSettings.RequestStreams.DEFAULT_INITIAL_BALANCE);

    /** The JavaScript that defines {@code HANDOFF_BENCH}. */
    String prelude() {
        return String.format(Locale.ROOT, "globalThis.HANDOFF_BENCH = Object.freeze({ initialBalance: %d });",
                initialBalance);
    }
}
