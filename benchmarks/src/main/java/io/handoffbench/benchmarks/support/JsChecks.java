package io.handoffbench.benchmarks.support;

import io.handoffbench.harness.worker.SandboxedJs;
import io.handoffbench.harness.worker.ScriptSummary;

/** Checks shared by the benchmarks that run JavaScript. */
public final class JsChecks {

    /**
     * Set to {@code true} (for example {@code -jvmArgsAppend -Dhandoffbench.allow-interpreter=true}) to measure
     * even when GraalJS runs in Truffle's fallback interpreter. Those numbers say nothing about the handoff.
     */
    public static final String ALLOW_INTERPRETER_PROPERTY = "handoffbench.allow-interpreter";

    private JsChecks() {
    }

    /**
     * Refuses to measure GraalJS interpreted: far slower than compiled (see shared/MEASURED.md). The
     * forked JVM gets the JVMCI flags from {@code BenchmarksMain}; this fails when they are missing, for example when
     * the benchmark was started by another runner.
     *
     * @param implementationName {@code Engine#getImplementationName()}
     */
    public static void requireJit(String implementationName) {
        if (SandboxedJs.INTERPRETED.equals(implementationName) && !Boolean.getBoolean(ALLOW_INTERPRETER_PROPERTY)) {
            throw new IllegalStateException("GraalJS runs in Truffle's fallback interpreter in this JVM, so the numbers"
                    + " would measure the interpreter. Run through benchmarks.jar or scripts/jmh, which add"
                    + " -XX:+EnableJVMCI and --upgrade-module-path with the jars in jvmci/ next to the jar; or pass"
                    + " -jvmArgsAppend -D" + ALLOW_INTERPRETER_PROPERTY + "=true to measure anyway.");
        }
    }

    /**
     * Checks the script's own {@code summary()}: its {@code requests} count equals {@code executed} (nothing lost,
     * nothing run twice) and, for {@code transfer}, the total balance is unchanged (no transfer half-applied).
     *
     * @param summaryJson what {@code summary()} returned, or null when the script defines none
     */
    public static void checkSummary(String summaryJson, long executed, SelfCheck check) {
        for (String problem : ScriptSummary.problems(summaryJson, executed)) {
            check.require(false, problem);
        }
    }
}
