package io.handoffbench.harness.cell;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.handoffbench.strategy.HandoffStrategyFactory;
import io.handoffbench.strategy.idle.IdlePolicy;

/**
 * Which cell of a sweep this is: one strategy (or the bare-worker ceiling) at one clients level in one trial, with
 * the idle policy its worker follows. Everything the cells of a sweep share is in {@link SweepSettings}.
 *
 * @param strategy the strategy, or null for the bare-worker ceiling
 * @param clients  concurrent clients; 0 for the ceiling
 * @param trial    1-based trial number within a sweep
 * @param idle     how the worker waits for work, for strategies that honour it
 * @param idleName when the sweep compares idle choices, the one this cell runs (like {@code park} or {@code auto}),
 *                 and its series is named {@code strategy@choice}; else null
 */
public record CellId(HandoffStrategyFactory strategy, int clients, int trial, IdlePolicy idle, String idleName) {

    /** The series name of the bare-worker ceiling: the reducer in a tight loop, no handoff, no clients. */
    public static final String CEILING = "ceiling";

    /** Separates a strategy's id from its idle choice in a series name: {@code mpsc@park}, {@code mpsc@auto}. */
    public static final String IDLE_SEPARATOR = "@";

    /** A strategy's cell in a sweep with one idle choice: its series is named by the strategy alone. */
    public static CellId of(HandoffStrategyFactory strategy, int clients, int trial, IdlePolicy idle) {
        return new CellId(strategy, clients, trial, idle, null);
    }

    /** The bare worker's cell of one trial. */
    public static CellId ceiling(int trial) {
        return new CellId(null, 0, trial, IdlePolicy.DEFAULT, null);
    }

    @JsonIgnore // derived from the strategy; not a field of the JSON
    public boolean isCeiling() {
        return strategy == null;
    }

    /**
     * The name of this cell's series in every table and chart: the strategy id ({@value #CEILING} for the bare
     * worker), followed by {@code @choice} when the sweep compares idle choices and the strategy honours them.
     */
    public String series() {
        if (isCeiling()) {
            return CEILING;
        }
        return idleName != null && strategy.honours(idle) ? strategy.id() + IDLE_SEPARATOR + idleName : strategy.id();
    }

    /** The idle policy's id if the strategy honours it, else {@code own} (it waits its own way); null for the ceiling. */
    public String idleId() {
        if (isCeiling()) {
            return null;
        }
        return strategy.honours(idle) ? idle.id() : "own";
    }

    /** How the progress display names it: {@code mpsc c=512 t=1}. */
    public String label() {
        return isCeiling() ? CEILING + " t=" + trial : series() + " c=" + clients + " t=" + trial;
    }
}
