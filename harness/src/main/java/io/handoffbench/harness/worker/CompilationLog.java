package io.handoffbench.harness.worker;

import io.handoffbench.harness.cell.EngineInfo;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Truffle's compilation trace ({@code engine.TraceCompilation}) as counts: the engine's log handler, so that a cell
 * can say whether its reducer was compiled before it was measured instead of assuming that "JIT on" means it was.
 *
 * <p>Threading: Truffle's compiler threads call {@link #publish}; counters are atomics, and the controlling thread
 * reads them at the start of the measurement ({@link #markMeasurementStart}) and at the end ({@link #result}).
 */
public final class CompilationLog extends Handler {

    /** {@code opt done   engine=1  id=237   reduce   |Tier 1|...}: a call target compiled, and its name. */
    private static final Pattern DONE = Pattern.compile("^opt done\\s+(?:engine=\\d+\\s+)?id=\\d+\\s+(.*?)\\s*\\|");
    private static final Pattern OSR_SUFFIX = Pattern.compile("\\s*<OSR.*$");
    private static final String FAILED = "opt failed";
    private static final int FAILURE_TEXT_LIMIT = 300;
    private static final long POLL_MILLIS = 50;
    /** How long a cell that compiled nothing waits, after measuring, for a compilation still queued. */
    public static final Duration FIRST_COMPILATION_GRACE = Duration.ofSeconds(20);

    private final PrintStream otherMessages;
    private final AtomicLong compiled = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** The names of the call targets compiled so far, an on-stack replacement's suffix ({@code <OSR@n>}) cut. */
    private final Set<String> compiledTargets = ConcurrentHashMap.newKeySet();
    /** The reducer's function name, once the script has loaded ({@link #watchReducer}). */
    private volatile String reducerName;
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    // Written by the controlling thread before the measurement starts, read by it after the end.
    private volatile long compiledBeforeMeasurement = -1;
    private volatile boolean reducerCompiledBeforeMeasurement;

    /**
     * @param reducerName   the function whose call target must be compiled, as the workload's contract names it
     *                      ({@code reduce}); {@link #watchReducer} gives its real name once the script has loaded
     * @param otherMessages where the engine's other log messages go, as they would without this handler
     */
    public CompilationLog(String reducerName, PrintStream otherMessages) {
        this.reducerName = reducerName;
        this.otherMessages = otherMessages;
    }

    /**
     * The reducer's own name, which Truffle names its call target by: {@code var reduce = function handle(r) {...}}
     * compiles as {@code handle}. Any thread, before the measurement.
     */
    public void watchReducer(String functionName) {
        if (functionName != null && !functionName.isBlank()) {
            reducerName = functionName;
        }
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        if (message == null) {
            return;
        }
        Matcher done = DONE.matcher(message);
        if (done.find()) {
            compiledTargets.add(OSR_SUFFIX.matcher(done.group(1)).replaceFirst(""));
            compiled.incrementAndGet();
        } else if (message.startsWith(FAILED)) {
            failed.incrementAndGet();
            String line = message.lines().findFirst().orElse(message).replaceAll("\\s+", " ");
            firstFailure.compareAndSet(null, line.length() > FAILURE_TEXT_LIMIT
                    ? line.substring(0, FAILURE_TEXT_LIMIT) + "..." : line);
        } else if (!message.startsWith("opt ")) {
            otherMessages.println("[" + record.getLoggerName() + "] " + message);
        }
    }

    /** Controlling thread, as the measurement starts: what had been compiled by then. */
    public void markMeasurementStart() {
        reducerCompiledBeforeMeasurement = reducerCompiled();
        compiledBeforeMeasurement = compiled.get();
    }

    /** Whether the reducer's call target, or a loop of it (on-stack replacement), has been compiled so far. */
    public boolean reducerCompiled() {
        return compiledTargets.contains(reducerName);
    }

    /**
     * Controlling thread, after the measurement, while the engine is open: when nothing has been compiled yet, waits
     * up to {@code timeout} for a first compilation or failure, so that a short cell whose compilations were still
     * queued is not taken for an engine that never compiles. Gives up at once when {@code stopRequested} says so.
     */
    public void awaitFirstCompilation(Duration timeout, BooleanSupplier stopRequested) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (compiled.get() == 0 && failed.get() == 0 && System.nanoTime() - deadline < 0
                && !stopRequested.getAsBoolean()) {
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** What was compiled over the whole cell, and before its measurement (the whole cell if never marked). */
    public EngineInfo.Compilations result() {
        long total = compiled.get();
        long before = compiledBeforeMeasurement;
        return new EngineInfo.Compilations(total, before < 0 ? total : before, failed.get(),
                before < 0 ? reducerCompiled() : reducerCompiledBeforeMeasurement, firstFailure.get());
    }

    @Override
    public void flush() {
        otherMessages.flush();
    }

    @Override
    public void close() {
        flush(); // the stream is the process's; never close it
    }
}
