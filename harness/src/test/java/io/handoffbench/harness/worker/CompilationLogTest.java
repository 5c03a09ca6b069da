package io.handoffbench.harness.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.cell.EngineInfo;
import io.handoffbench.harness.testing.ClassPathJars;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * What Truffle's compilation trace says, counted: lines as GraalJS 25 writes them, and the versions of the jars this
 * JVM runs, compared with the versions in the jar files' names on the class path.
 */
class CompilationLogTest {

    private static final String JSON_PARSE_DONE = "opt done   engine=1  id=238   JSON.parse                      "
            + "|Tier 1|Time   416( 288+129 )ms|AST    4|Inlined   0Y   0N|IR    127/   157|CodeSize     796|Src <builtin>:1";
    private static final String REDUCE_DONE = "opt done   engine=1  id=237   reduce                              "
            + "|Tier 1|Time   138( 106+32  )ms|AST   36|Inlined   0Y   1N|IR    213/   358|Src transfer.js:12";
    private static final String ARRAY_REDUCE_DONE = "opt done   engine=1  id=301   Array.prototype.reduce     "
            + "|Tier 2|Time    33(   5+27  )ms|AST    4|Src <builtin>:1";
    private static final String FAILED = "opt failed engine=1  id=240   reduce       |Tier 2|Time 12|Reason: "
            + "jdk.graal.compiler.core.common.PermanentBailoutException: too big";

    @Test
    void shouldCountCompilationsAndKnowWhetherTheReducerWasCompiledBeforeTheMeasurement() {
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        CompilationLog log = new CompilationLog("reduce", new PrintStream(other, true, StandardCharsets.UTF_8));

        log.publish(record(JSON_PARSE_DONE));
        log.publish(record(ARRAY_REDUCE_DONE)); // a built-in named like the reducer is not the reducer
        log.markMeasurementStart();
        log.publish(record(REDUCE_DONE));
        log.publish(record(FAILED));
        log.publish(record("some other engine warning"));

        EngineInfo.Compilations counted = log.result();
        assertThat(counted.compiled()).isEqualTo(3);
        assertThat(counted.compiledBeforeMeasurement()).isEqualTo(2);
        assertThat(counted.reducerCompiled()).as("compiled only after the measurement began").isFalse();
        assertThat(log.reducerCompiled()).isTrue();
        assertThat(counted.failed()).isEqualTo(1);
        assertThat(counted.firstFailure()).startsWith("opt failed").contains("PermanentBailoutException");
        assertThat(other.toString(StandardCharsets.UTF_8)).contains("some other engine warning")
                .doesNotContain("opt done");
    }

    @Test
    void shouldCountAnOnStackReplacementOfTheReducersLoopAsTheReducer() {
        CompilationLog log = new CompilationLog("reduce", new PrintStream(PrintStream.nullOutputStream()));

        log.publish(record("opt done   engine=1  id=12   reduce <OSR@41>          |Tier 2|Time 20|Src a.js:3"));
        log.markMeasurementStart();

        assertThat(log.result().reducerCompiled()).isTrue();
    }

    @Test
    void shouldKnowTheReducerByTheNameItsFunctionHasInJs() {
        CompilationLog log = new CompilationLog("reduce", new PrintStream(PrintStream.nullOutputStream()));
        log.watchReducer("handle"); // var reduce = function handle(request) { ... }

        log.publish(record("opt done   engine=1  id=9   handle      |Tier 1|Time 20|Src a.js:3"));

        assertThat(log.reducerCompiled()).isTrue();
    }

    @Test
    void shouldReadTheVersionsOfTheJarsThisJvmRuns() {
        Map<String, String> versions = GraalVersions.read();

        assertThat(versions).containsOnlyKeys("polyglot", "truffle-api", "truffle-runtime", "js", "compiler",
                "truffle-compiler");
        assertThat(versions.get("polyglot")).isEqualTo(ClassPathJars.version("polyglot")).isNotEqualTo(
                "Development Build");
        assertThat(versions.get("truffle-api")).isEqualTo(ClassPathJars.version("truffle-api"));
        assertThat(versions.get("truffle-runtime")).isEqualTo(ClassPathJars.version("truffle-runtime"));
        assertThat(versions.get("js")).isEqualTo(ClassPathJars.version("js-language"));
        // target/jvmci/ holds the compiler jars without versions in their names; the pom says which they are
        assertThat(versions.get("compiler")).isEqualTo(System.getProperty("expected.graal.compiler.version"))
                .isNotBlank();
        assertThat(versions.get("truffle-compiler")).isEqualTo(System.getProperty("expected.graal.compiler.version"));
    }

    private static LogRecord record(String message) {
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setLoggerName("engine");
        return record;
    }
}
