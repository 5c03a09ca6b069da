package io.handoffbench.harness.cell;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.handoffbench.harness.metrics.CpuClock;
import io.handoffbench.harness.metrics.LatencySummary;
import java.util.ArrayList;
import java.util.List;

/**
 * What one cell measured, and what its self-check found. Plain values only, so that a forked cell can hand it to
 * the sweep as JSON.
 *
 * @param cell       which cell, by name
 * @param engine     how GraalJS ran in the cell's JVM
 * @param throughput the measured requests and their end-to-end latency
 * @param warmup     TPS through the warm-up, and whether it ended steady
 * @param worker     what the worker did: requests executed, drains, the script's own summary
 * @param accounting how every measured request ended; null for the ceiling
 * @param openLoop   the open loop's rates and its uncorrected latency; null in a closed loop
 * @param backlog    queue depth and heap, sampled once a second while measuring; null for the ceiling
 * @param recovery   worker traps and recovery; null for the ceiling
 * @param stages     where an answered request's time went; null for the ceiling
 * @param cpu        CPU time over the measurement, of the process and of the worker thread; null when not measured
 * @param affinity   where {@code --pin-worker} put the worker and the other threads; null when not pinned
 * @param hlogFile   the interval log's file name, or null when the cell did not pass
 * @param problems   self-check failures; empty when the cell is sound
 * @param profile    what {@code --profile} recorded while the cell measured; null when the cell was not profiled
 */
public record CellResult(Identity cell, EngineInfo engine, Throughput throughput, Warmup warmup,
                         WorkerActivity worker, Accounting accounting, OpenLoop openLoop, Backlog backlog,
                         Recovery recovery, Stages stages, CpuClock.CpuUse cpu, Affinity affinity, String hlogFile,
                         List<String> problems, Profile profile) {

    /** A result not profiled. */
    public CellResult(Identity cell, EngineInfo engine, Throughput throughput, Warmup warmup, WorkerActivity worker,
                      Accounting accounting, OpenLoop openLoop, Backlog backlog, Recovery recovery, Stages stages,
                      CpuClock.CpuUse cpu, Affinity affinity, String hlogFile, List<String> problems) {
        this(cell, engine, throughput, warmup, worker, accounting, openLoop, backlog, recovery, stages, cpu, affinity,
                hlogFile, problems, null);
    }

    /**
     * @param series        the series name: the strategy id, {@code strategy@choice} when a sweep compares idle
     *                      choices, or {@value CellId#CEILING} for the bare worker
     * @param clients       concurrent clients; 0 for the ceiling
     * @param clientThreads {@code virtual}, {@code platform}, or {@code none} for the ceiling
     * @param trial         1-based trial number within a sweep
     * @param idle          how the worker waited: an idle policy's id, or {@code own} when the strategy waits its own
     *                      way; null for the ceiling
     * @param pipeline      requests each client had in flight at once in a closed loop ({@code --pipeline}); 0 for
     *                      the ceiling and the open loop
     */
    public record Identity(String series, String workload, int clients, String clientThreads, int trial,
                           String idle, int pipeline) {

        public static Identity of(CellConfig config) {
            CellId id = config.id();
            LoadSettings load = config.settings().load();
            return new Identity(id.series(), config.workload().name(), id.clients(), config.clientThreads(),
                    id.trial(), id.idleId(), id.isCeiling() || load.openLoop() ? 0 : load.pipeline());
        }
    }

    /**
     * @param completed       measured requests answered correctly; their latencies are in {@code latency}
     * @param errors          measured requests answered with an error (reducer error, trap)
     * @param measuredSeconds from the start of measurement to the last measured answer
     * @param tps             {@code completed / measuredSeconds}
     * @param latency         end-to-end latency of the answered requests (open loop: from the intended send time);
     *                        with censored or due-unsent requests, of the answered ones and those requests' lower
     *                        bounds together, every percentile then a lower bound
     */
    public record Throughput(long completed, long errors, double measuredSeconds, double tps,
                             LatencySummary latency) {
    }

    /**
     * @param tpsPerSecond TPS in each whole second of the warm-up, the evidence for {@code steady}
     * @param steady       whether TPS had stopped moving by the end of the warm-up and, where that was watched, the
     *                     reducer had been compiled
     * @param note         why it is or is not steady
     * @param seconds      how long the warm-up lasted (with {@code --warmup=auto}, until steady); NaN when unknown
     */
    public record Warmup(List<Double> tpsPerSecond, boolean steady, String note, double seconds) {

        /** A warm-up whose length was not recorded. */
        public Warmup(List<Double> tpsPerSecond, boolean steady, String note) {
            this(tpsPerSecond, steady, note, Double.NaN);
        }
    }

    /**
     * @param executed      requests the worker ran, warm-up included
     * @param batches          drains that handed over at least one request, warm-up included
     * @param requestsPerDrain measured requests the worker executed per drain that handed any over, over the
     *                         measurement only (a drain is not a wake-up: the worker may drain again without waiting)
     * @param scriptSummary what the script's own {@code summary()} returned, or null
     * @param endState      what the end-state check found, or why it did not run; null for the ceiling
     * @param answeredMeasured measured requests the worker (or the ceiling's loop) answered without an error, by its
     *                         own count: what the clients' {@code completed} and their latency log must match
     */
    public record WorkerActivity(long executed, long batches, double requestsPerDrain, String scriptSummary,
                                 String endState, long answeredMeasured) {
    }

    /**
     * How every measured request ended: {@code due == completed + errors + rejected + timeouts + censored +
     * dueUnsent} when none was lost. A request is due when it is measured: in an open loop, when its intended send
     * time falls inside the measurement (wrk2's rule), in a closed loop when it is sent while measuring.
     * {@code submitted} of them were sent ({@code due - dueUnsent}); {@code censored} were sent but still unanswered
     * when the drain after an open-loop run ended, and were failed then; {@code dueUnsent} were never sent, their
     * client being behind its schedule when the measurement ended. {@code lateReplies} are answers that came after
     * their client had timed out, discarded.
     */
    public record Accounting(long submitted, long completed, long errors, long censored, long rejected,
                             long timeouts, long lateReplies, long due, long dueUnsent) {

        /** Requests due that ended in none of the six ways: must be 0. */
        public long lost() {
            return due - completed - errors - rejected - timeouts - censored - dueUnsent;
        }
    }

    /**
     * @param targetRate   requests per second the schedule asked for
     * @param achievedRate requests per second actually sent (submitted / measured seconds)
     * @param uncorrected  latency from the actual send, blind to coordinated omission
     */
    public record OpenLoop(double targetRate, String arrivals, double achievedRate, LatencySummary uncorrected) {
    }

    /**
     * Sampled once a second while measuring: requests waiting for the worker, and the JVM's used heap.
     *
     * @param peakRssMb the measuring JVM's largest resident set size in those samples; NaN off Linux
     */
    public record Backlog(long peakDepth, List<Long> depthPerSecond, double peakHeapMb, List<Double> heapMbPerSecond,
                          int maxQueue, double peakRssMb) {
    }

    /**
     * @param traps   worker traps (injected, reducer timeouts, broken contexts)
     * @param workers worker generations that ran (1 + traps when each trap was recovered from)
     * @param p50Us   median time from a trap to the first request served by the replacement; NaN without traps
     * @param maxUs   the longest such time
     */
    public record Recovery(long traps, int workers, double p50Us, double maxUs) {
    }

    /**
     * Answered requests' time by stage: queue wait (sent to taken), service (the reducer), reply (to the client).
     *
     * @param wakeMeanUs the worker's own part of the reply stage: its time to answer and wake the client, sampled on
     *                   a fraction of the replies; on the worker's critical path
     */
    public record Stages(LatencySummary queueWait, LatencySummary service, LatencySummary reply, double wakeMeanUs) {
    }

    /**
     * Where {@code --pin-worker} put the threads, on Linux. The worker's CPU is the last one the cell's controlling
     * thread was allowed when the cell began; at the end every thread got back the mask it had then.
     *
     * @param workerCpu    the CPU the worker thread (each generation; the ceiling's loop thread) had to itself
     * @param otherCpus    every other thread's CPUs, as a Linux CPU list ({@code 0-2})
     * @param movedAtStart threads moved off the worker's CPU once the worker had pinned itself
     * @param movedLater   threads found on the worker's CPU afterwards, and moved: those the worker thread started
     *                     (which inherit its mask: Truffle's compiler threads, virtual threads' carriers); swept at
     *                     the start of measurement and once a second while measuring
     */
    public record Affinity(int workerCpu, String otherCpus, int movedAtStart, int movedLater) {
    }

    /**
     * What {@code --profile} left for one cell, the files relative to the result folder.
     *
     * @param kind       {@code cpu}, {@code wall}, {@code alloc}, {@code lock} or {@code jfr}
     * @param engine     how samples were taken: async-profiler's event ({@code cpu-clock,alluser}: Linux perf
     *                   events, user space only; {@code ctimer} or {@code itimer}: CPU-time timers), or the JDK's
     *                   Flight Recorder
     * @param intervalMs the sampling interval of CPU and wall-clock samples; null for the other kinds
     * @param samples    samples taken over the measurement (0 for jfr, whose recording holds its own)
     * @param flameGraph async-profiler's self-contained HTML flame graph; null for jfr
     * @param collapsed  the collapsed stacks, one line per stack, the thread's name as its first frame; null for jfr
     * @param recording  the Flight Recorder file; null unless jfr
     * @param breakdown  the process's CPU per request split by component (cpu only; else empty), shares adding to 1
     */
    public record Profile(String kind, String engine, Double intervalMs, long samples, String flameGraph,
                          String collapsed, String recording, List<CpuShare> breakdown) {
    }

    /**
     * One component's part of a request's CPU.
     *
     * @param component    a stable id ({@code worker_reducer}, {@code clients_wait}, {@code jit}, ...)
     * @param side         {@code worker}, {@code clients}, {@code jit}, {@code gc} or {@code other}
     * @param label        what it covers, for people
     * @param samples      CPU samples in it
     * @param share        samples over all samples, 0 to 1
     * @param usPerRequest share times the process's CPU per request; NaN when that was not measured
     */
    public record CpuShare(String component, String side, String label, long samples, double share,
                           double usPerRequest) {
    }

    public boolean passed() {
        return problems.isEmpty();
    }

    @JsonIgnore // derived from the series name; not a field of the JSON
    public boolean isCeiling() {
        return CellId.CEILING.equals(cell.series());
    }

    /** The measured TPS, the number most readers want first. */
    public double tps() {
        return throughput.tps();
    }

    /** This result with one more self-check failure; the interval log is then not counted as valid. */
    public CellResult withProblem(String problem) {
        List<String> more = new ArrayList<>(problems);
        more.add(problem);
        return new CellResult(cell, engine, throughput, warmup, worker, accounting, openLoop, backlog, recovery,
                stages, cpu, affinity, null, List.copyOf(more), profile);
    }

    /** This result with where the threads were pinned; null when they were not. */
    public CellResult withAffinity(Affinity pinned) {
        return new CellResult(cell, engine, throughput, warmup, worker, accounting, openLoop, backlog, recovery,
                stages, cpu, pinned, hlogFile, problems, profile);
    }

    /** This result with what {@code --profile} recorded. */
    public CellResult withProfile(Profile recorded) {
        return new CellResult(cell, engine, throughput, warmup, worker, accounting, openLoop, backlog, recovery,
                stages, cpu, affinity, hlogFile, problems, recorded);
    }

    @JsonIgnore // derived: whether --profile sampled this cell
    public boolean profiled() {
        return profile != null;
    }

    /** A cell that produced no measurement at all (its JVM died, say). */
    public static CellResult failed(CellConfig config, String problem) {
        return new CellResult(Identity.of(config), null,
                new Throughput(0, 0, 0, 0, LatencySummary.of(new org.HdrHistogram.Histogram(3))),
                new Warmup(List.of(), false, "no measurement"), new WorkerActivity(0, 0, 0, null, null, 0), null, null,
                null, null, null, null, null, null, List.of(problem));
    }
}
