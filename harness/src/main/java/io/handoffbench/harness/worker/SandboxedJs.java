package io.handoffbench.harness.worker;

import io.handoffbench.harness.cell.EngineInfo;
import io.handoffbench.harness.cell.Workload;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The one way this project builds a GraalJS engine and context and loads a workload into it, so that the worker,
 * the bare-worker ceiling and the microbenchmarks all run the same JS under the same sandbox.
 *
 * <p>The sandbox is GraalJS's CONSTRAINED policy's restrictions, each set explicitly (no host access or class
 * lookup, no I/O, threads, processes, native access, environment or other languages; output redirected), under the
 * TRUSTED policy: CONSTRAINED refuses {@code engine.TraceCompilation}, and the compilation trace is how a cell knows
 * that its reducer was compiled ({@link CompilationLog}).
 *
 * <p>Threading: a context must be used by one thread at a time; build it on the thread that will use it.
 */
public final class SandboxedJs {

    /** The function every workload defines and the worker calls once per request. */
    public static final String REDUCER = "reduce";

    /** What {@code Engine#getImplementationName()} says on Truffle's fallback runtime, where JS is not compiled. */
    public static final String INTERPRETED = "Interpreted";

    private static final String TRACE_COMPILATION = "engine.TraceCompilation";

    /** Nothing of the host is reachable, not even mappings of JS objects onto mutable Java types. */
    private static final HostAccess NO_HOST_ACCESS = HostAccess.newBuilder().allowMutableTargetMappings().build();

    /**
     * Where a script's console output goes: the process's stderr, so it never mixes with the result table. A
     * wrapper, because the CONSTRAINED sandbox insists the streams be redirected rather than the JVM's own.
     */
    private static final OutputStream SCRIPT_OUTPUT = new FilterOutputStream(System.err) {
        @Override
        public void close() throws IOException {
            flush(); // never close the process's stderr
        }
    };

    private SandboxedJs() {
    }

    /** An engine whose compilations nobody watches (the microbenchmarks). The caller closes it. */
    public static Engine newEngine() {
        return builder().build();
    }

    /**
     * An engine that traces every Truffle compilation into {@code compilations}; on Truffle's fallback runtime, which
     * compiles nothing and has no such option, one that traces nothing. The caller closes it.
     */
    public static Engine newEngine(CompilationLog compilations) {
        try {
            return builder().option(TRACE_COMPILATION, "true").logHandler(compilations).build();
        } catch (IllegalArgumentException e) {
            if (!String.valueOf(e.getMessage()).contains(TRACE_COMPILATION)) {
                throw e;
            }
            return builder().logHandler(compilations).build(); // the interpreter: isJit says so
        }
    }

    /** A log for an engine running {@link #REDUCER}: the engine's other messages go to stderr, as without it. */
    public static CompilationLog newCompilationLog() {
        return new CompilationLog(REDUCER, System.err);
    }

    private static Engine.Builder builder() {
        return Engine.newBuilder("js")
                .sandbox(SandboxPolicy.TRUSTED) // the restrictions are the context's; see the class comment
                .option("engine.WarnInterpreterOnly", "false") // the runner reports it and refuses to measure
                .out(SCRIPT_OUTPUT)
                .err(SCRIPT_OUTPUT);
    }

    /**
     * A fresh engine for one whose context failed internally, closing the suspect; the suspect itself if none can
     * be built, so that someone still serves. The fresh engine traces into the same {@code compilations}.
     */
    static Engine replaceEngine(Engine suspect, CompilationLog compilations) {
        Engine fresh;
        try {
            fresh = newEngine(compilations);
        } catch (RuntimeException e) {
            return suspect;
        }
        try {
            suspect.close(true);
        } catch (RuntimeException ignored) {
            // its contexts are closed; a broken engine may still refuse
        }
        return fresh;
    }

    /** True when the engine compiles JS with the optimizing Truffle runtime. */
    public static boolean isJit(Engine engine) {
        return !INTERPRETED.equals(engine.getImplementationName());
    }

    /** How {@code engine} runs JS, as results record it, with the versions of the jars this JVM loaded. */
    public static EngineInfo engineInfo(Engine engine) {
        Map<String, String> versions = GraalVersions.read();
        return new EngineInfo(engine.getImplementationName(), versions.get("polyglot"), isJit(engine), versions,
                null);
    }

    /** A context with no host access of any kind: no Java classes, I/O, threads, processes, environment. */
    public static Context newContext(Engine engine) {
        return Context.newBuilder("js")
                .engine(engine)
                .sandbox(SandboxPolicy.TRUSTED) // CONSTRAINED's restrictions, one by one
                .allowHostAccess(NO_HOST_ACCESS)
                .allowHostClassLookup(className -> false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .out(SCRIPT_OUTPUT)
                .err(SCRIPT_OUTPUT)
                .build();
    }

    /**
     * Evaluates the workload's script in {@code js} and returns its {@code reduce} function.
     *
     * @throws WorkloadException on a syntax error, an error while loading, or no executable {@code reduce}
     */
    public static Value loadReducer(Context js, Workload workload) throws WorkloadException {
        return loadReducer(js, workload, ScriptGlobals.DEFAULT);
    }

    /** Defines {@code HANDOFF_BENCH} from {@code globals}, then loads the workload as {@link #loadReducer} does. */
    public static Value loadReducer(Context js, Workload workload, ScriptGlobals globals) throws WorkloadException {
        js.eval(Source.newBuilder("js", globals.prelude(), "handoff-bench-globals").buildLiteral());
        try {
            js.eval(Source.newBuilder("js", workload.script(), workload.name()).buildLiteral());
        } catch (PolyglotException e) {
            String what = e.isSyntaxError() ? "has a syntax error" : "failed while loading";
            throw new WorkloadException("workload '" + workload.name() + "' " + what + ": " + describe(e));
        }
        Value reduce = js.getBindings("js").getMember(REDUCER);
        if (reduce == null || !reduce.canExecute()) {
            throw new WorkloadException("workload '" + workload.name() + "' defines no function reduce(request)");
        }
        return reduce;
    }

    /** The name a loaded reducer's function has in JS, which its compiled call target is named by; null if none. */
    public static String functionName(Value reduce) {
        Value name = reduce.getMember("name");
        return name != null && name.isString() ? name.asString() : null;
    }

    /** The reply a reducer's result becomes: a string as is, anything else as JS would print it. */
    public static String replyOf(Value result) {
        return result.isString() ? result.asString() : result.toString();
    }

    /** Calls the workload's optional {@code summary()}; null when it defines none. */
    public static String summary(Context js) {
        Value summary = js.getBindings("js").getMember("summary");
        if (summary == null || !summary.canExecute()) {
            return null;
        }
        return replyOf(summary.execute());
    }

    /** Calls the workload's optional {@code state()}, its final state as JSON text; null when it defines none. */
    public static String finalState(Context js) {
        Value state = js.getBindings("js").getMember("state");
        if (state == null || !state.canExecute()) {
            return null;
        }
        return replyOf(state.execute());
    }

    /** One line: the message and, for script errors, where in the script. */
    public static String describe(PolyglotException e) {
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        if (e.getSourceLocation() != null && e.getSourceLocation().getStartLine() > 0) {
            return message + " (line " + e.getSourceLocation().getStartLine() + ")";
        }
        return message;
    }
}
