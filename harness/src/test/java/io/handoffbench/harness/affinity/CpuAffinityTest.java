package io.handoffbench.harness.affinity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.handoffbench.harness.testing.ThreadMasks;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The FFM calls against what {@code /proc} says, and the {@code --pin-worker} check's logic apart from this machine
 * (another OS, a C library without the calls, one CPU).
 */
@Timeout(60)
class CpuAffinityTest {

    @Test
    void shouldRefuseAnotherOsTheMissingCallsAndOneCpuOnOneLine() {
        assertThat(CpuAffinity.isLinux("Linux")).isTrue();
        assertThat(CpuAffinity.isLinux("Mac OS X")).isFalse();
        assertThat(CpuAffinity.problem(CpuAffinity.notLinux("Mac OS X"), null))
                .isEqualTo("--pin-worker cannot work here: it sets threads' CPU affinity, which needs Linux; this is "
                        + "Mac OS X");
        assertThat(CpuAffinity.problem("sched_setaffinity is not in this C library", null))
                .isEqualTo("--pin-worker cannot work here: sched_setaffinity is not in this C library");
        assertThat(CpuAffinity.problem(null, cpus(3)))
                .isEqualTo("--pin-worker needs at least 2 CPUs, one for the worker and one for the rest; this "
                        + "process may run on 1 (cpu 3)");
        assertThat(CpuAffinity.problem(null, cpus(0, 1))).isNull();
    }

    @Test
    void shouldWriteCpuListsAsLinuxDoes() {
        assertThat(CpuAffinity.cpuList(cpus(0))).isEqualTo("0");
        assertThat(CpuAffinity.cpuList(cpus(0, 1, 2, 5, 7, 8))).isEqualTo("0-2,5,7-8");
        assertThat(ThreadMasks.parse("0-2,5,7-8")).isEqualTo(cpus(0, 1, 2, 5, 7, 8));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldReadTheCallingThreadsMaskAsProcShowsIt() throws Exception {
        assertThat(CpuAffinity.problemHere()).as("this machine").satisfiesAnyOf(
                problem -> assertThat(problem).isNull(), problem -> assertThat(problem).contains("at least 2 CPUs"));

        BitSet mine = CpuAffinity.of(CpuAffinity.CALLING_THREAD);

        assertThat(CpuAffinity.cpuList(mine)).isEqualTo(ThreadMasks.ofCallingThread());
        int tid = CpuAffinity.currentTid();
        assertThat(ThreadMasks.now()).filteredOn(task -> task.tid() == tid).singleElement()
                .extracting(ThreadMasks.Task::cpusAllowedList).isEqualTo(ThreadMasks.ofCallingThread());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldSetAThreadsMaskWhichTheThreadsItStartsInherit() throws Exception {
        BitSet all = CpuAffinity.of(CpuAffinity.CALLING_THREAD);
        assumeTrue(all.cardinality() >= 2, "needs 2 CPUs");
        BitSet first = cpus(all.nextSetBit(0));
        AtomicReference<String> child = new AtomicReference<>();
        CompletableFuture<String> own = new CompletableFuture<>();

        Thread pinned = Thread.ofPlatform().start(() -> {
            try {
                CpuAffinity.set(CpuAffinity.CALLING_THREAD, first);
                own.complete(ThreadMasks.ofCallingThread());
                Thread started = Thread.ofPlatform().start(() -> {
                    try {
                        child.set(ThreadMasks.ofCallingThread());
                    } catch (Exception e) {
                        child.set(e.toString());
                    }
                });
                started.join();
            } catch (Exception e) {
                own.completeExceptionally(e);
            }
        });
        pinned.join();

        assertThat(own.get()).isEqualTo(CpuAffinity.cpuList(first));
        assertThat(child.get()).as("a new thread starts with its creator's mask").isEqualTo(CpuAffinity.cpuList(first));
        assertThat(ThreadMasks.ofCallingThread()).as("others untouched").isEqualTo(CpuAffinity.cpuList(all));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldNameTheErrnoWhenTheKernelRefuses() {
        assumeTrue(CpuAffinity.problemHere() == null, "affinity calls available");

        assertThatThrownBy(() -> CpuAffinity.of(Integer.MAX_VALUE)).isInstanceOf(AffinityException.class)
                .hasMessage("sched_getaffinity of thread 2147483647 failed: ESRCH (no such thread)")
                .matches(e -> ((AffinityException) e).noSuchThread());
    }

    private static BitSet cpus(int... numbers) {
        BitSet set = new BitSet();
        for (int cpu : numbers) {
            set.set(cpu);
        }
        return set;
    }
}
