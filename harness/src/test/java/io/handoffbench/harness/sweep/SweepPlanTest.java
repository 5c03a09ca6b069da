package io.handoffbench.harness.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.LoadSettings;
import io.handoffbench.harness.cell.TrapSettings;
import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.testing.TestCells;
import io.handoffbench.harness.worker.Workloads;
import io.handoffbench.strategy.HandoffStrategies;
import io.handoffbench.strategy.HandoffStrategyFactory;
import io.handoffbench.strategy.idle.IdlePolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order and the names of a sweep's cells, with one idle policy and with several. */
class SweepPlanTest {

    private static final HandoffStrategies REGISTERED = HandoffStrategies.load();

    @Test
    void shouldNameSeriesByStrategyAloneWithOneIdlePolicy() throws Exception {
        List<CellConfig> plan = plan(List.of("rendezvous", "mpsc"), List.of(new IdleChoice("park")), 1);

        assertThat(plan).extracting(cell -> cell.id().label())
                .containsExactly("ceiling t=1", "rendezvous c=1 t=1", "mpsc c=1 t=1", "rendezvous c=64 t=1",
                        "mpsc c=64 t=1");
        assertThat(plan.get(2).id().idleId()).isEqualTo("park");
        assertThat(plan.get(1).id().idleId()).isEqualTo("own");
    }

    @Test
    void shouldRunAHonouringStrategyOncePerPolicyInterleavedAndTheOthersOnce() throws Exception {
        List<CellConfig> plan = plan(List.of("rendezvous", "mpsc", "disruptor"),
                List.of(new IdleChoice("park"), new IdleChoice("spin-park")), 2);

        assertThat(plan).extracting(cell -> ResultLayout.stem(cell.id())).containsExactly(
                "ceiling-t1",
                "rendezvous-c1-t1", "mpsc@park-c1-t1", "mpsc@spin-park-c1-t1", "disruptor@park-c1-t1",
                "disruptor@spin-park-c1-t1",
                "rendezvous-c64-t1", "mpsc@park-c64-t1", "mpsc@spin-park-c64-t1", "disruptor@park-c64-t1",
                "disruptor@spin-park-c64-t1",
                "ceiling-t2",
                "rendezvous-c1-t2", "mpsc@park-c1-t2", "mpsc@spin-park-c1-t2", "disruptor@park-c1-t2",
                "disruptor@spin-park-c1-t2",
                "rendezvous-c64-t2", "mpsc@park-c64-t2", "mpsc@spin-park-c64-t2", "disruptor@park-c64-t2",
                "disruptor@spin-park-c64-t2");
        assertThat(plan.get(3).id().idle()).isEqualTo(IdlePolicy.SPIN_PARK);
        assertThat(plan.get(3).id().series()).isEqualTo("mpsc@spin-park");
        assertThat(plan.get(1).id().idleId()).isEqualTo("own");
    }

    @Test
    void shouldSpinFirstUnderAutoOnlyWhereTheClientsAreFewerThanTheCores() throws Exception {
        List<CellConfig> twoCores = plan(List.of("rendezvous", "mpsc"), List.of(IdleChoice.DEFAULT), 1, 2);
        List<CellConfig> eightCores = plan(List.of("mpsc"), List.of(IdleChoice.DEFAULT), 1, 8);

        assertThat(twoCores).extracting(cell -> cell.id().label() + " " + idleOf(cell)).containsExactly(
                "ceiling t=1 own", "rendezvous c=1 t=1 own", "mpsc c=1 t=1 spin-park", "rendezvous c=64 t=1 own",
                "mpsc c=64 t=1 park");
        assertThat(eightCores).extracting(SweepPlanTest::idleOf).containsExactly("own", "spin-park", "park");
    }

    @Test
    void shouldNameAutoLikeAnyOtherChoiceWhenComparedAndRunThePolicyItPicks() throws Exception {
        List<CellConfig> plan = plan(List.of("mpsc"), List.of(IdleChoice.DEFAULT, new IdleChoice("park")), 1);

        assertThat(plan).extracting(cell -> ResultLayout.stem(cell.id()) + " " + idleOf(cell)).containsExactly(
                "ceiling-t1 own", "mpsc@auto-c1-t1 spin-park", "mpsc@park-c1-t1 park", "mpsc@auto-c64-t1 park",
                "mpsc@park-c64-t1 park");
    }

    private static List<CellConfig> plan(List<String> ids, List<IdleChoice> idles, int trials) throws Exception {
        return plan(ids, idles, trials, 2);
    }

    private static List<CellConfig> plan(List<String> ids, List<IdleChoice> idles, int trials, int cores)
            throws Exception {
        List<HandoffStrategyFactory> strategies = ids.stream().map(id -> REGISTERED.find(id).orElseThrow()).toList();
        return new SweepPlan(strategies, List.of(1, 64), trials, idles).cells(TestCells.settings(
                Workloads.resolve("noop"), Duration.ofSeconds(1), Duration.ofSeconds(1), LoadSettings.CLOSED_LOOP,
                TrapSettings.NONE), cores);
    }

    /** The cell's idle id as summary.csv shows it: the ceiling's, which has no worker to wait, as {@code own}. */
    private static String idleOf(CellConfig cell) {
        return cell.id().isCeiling() ? "own" : cell.id().idleId();
    }
}
