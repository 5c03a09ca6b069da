package io.handoffbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.handoffbench.harness.launch.ClassPathOption;
import io.handoffbench.harness.launch.ClientCarriers;
import io.handoffbench.harness.launch.JdkFinder;
import io.handoffbench.harness.launch.MeasuringJvm;
import io.handoffbench.harness.testing.AddedStrategyJar;
import io.handoffbench.harness.testing.ProcessRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input (86 of them: values, contradictions, broken, empty, non-UTF-8 and hostile scripts; and
 * {@code --pin-worker} on one CPU): exit code 2, one line on stderr naming the problem, and no result folder.
 */
@Timeout(120)
class BadInputTest {

    @TempDir
    static Path tmp;

    static Stream<Arguments> badInputs() throws Exception {
        Path syntaxError = Files.writeString(tmp.resolve("syntax.js"), "function reduce(r) { return r +; }");
        Path noReducer = Files.writeString(tmp.resolve("noreduce.js"), "function handle(r) { return r; }");
        Path empty = Files.writeString(tmp.resolve("empty.js"), "");
        Path notUtf8 = Files.write(tmp.resolve("latin1.js"), new byte[] {'/', '/', (byte) 0xE9, '\n'});
        Path throwsOnLoad = Files.writeString(tmp.resolve("throws.js"), "throw new Error('bad state');");
        Path aFile = Files.writeString(tmp.resolve("a-file.txt"), "x");
        Path hostClass = Files.writeString(tmp.resolve("host-class.js"),
                "const R = Java.type('java.lang.Runtime'); function reduce(r) { return r; }");
        Path threads = Files.writeString(tmp.resolve("threads.js"),
                "const t = new java.lang.Thread(); function reduce(r) { return r; }");
        Path files = Files.writeString(tmp.resolve("files.js"), "load('/etc/passwd'); function reduce(r) { return r; }");
        Path modules = Files.writeString(tmp.resolve("modules.js"),
                "const fs = require('fs'); function reduce(r) { return r; }");
        Path environment = Files.writeString(tmp.resolve("environment.js"),
                "const home = process.env.HOME; function reduce(r) { return r; }");
        Path network = Files.writeString(tmp.resolve("network.js"),
                "fetch('http://example.com'); function reduce(r) { return r; }");
        Path otherLanguage = Files.writeString(tmp.resolve("polyglot.js"),
                "Polyglot.eval('python', '1'); function reduce(r) { return r; }");
        Path reduceNotFunction = Files.writeString(tmp.resolve("not-a-function.js"), "var reduce = 42;");
        Path binary = Files.write(tmp.resolve("binary.js"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 0, 1, 2});
        Path brokenStrategyJar = AddedStrategyJar.broken(tmp.resolve("broken-strategy.jar"));
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("summary.csv"), "old");
        return Stream.of(
                Arguments.of("unknown strategy", List.of("--strategy=fifo"),
                        "unknown strategy 'fifo'; valid: rendezvous, rendezvous-fifo, rendezvous-flume, linked, mpsc,"
                                + " disruptor, ltq, mpsc-blocking"),
                Arguments.of("one unknown in a list", List.of("--strategy=mpsc,nope"), "unknown strategy 'nope'"),
                Arguments.of("zero clients", List.of("--clients=0"), "--clients must be between 1 and 100000, got 0"),
                Arguments.of("negative clients", List.of("--clients=-4"), "got -4"),
                Arguments.of("too many clients", List.of("--clients=100001"), "got 100001"),
                Arguments.of("too many platform clients", List.of("--clients=64,10001", "--client-threads=platform"),
                        "--client-threads=platform runs a client per OS thread: at most 10,000 clients, got 10,001; "
                                + "--client-threads=virtual runs up to 100,000"),
                Arguments.of("clients not a number", List.of("--clients=many"), "'many' is not an int"),
                Arguments.of("unknown client threads", List.of("--client-threads=green"),
                        "unknown --client-threads 'green'; valid: virtual, platform, event-loop"),
                Arguments.of("event loops in an open loop", List.of("--client-threads=event-loop", "--rate=1000"),
                        "--client-threads=event-loop runs closed-loop and pipelined clients without admission or "
                                + "timeouts, so not with --rate"),
                Arguments.of("event loops with a bounded queue", List.of("--client-threads=event-loop",
                        "--max-queue=10"), "so not with --max-queue"),
                Arguments.of("event loops with a request timeout", List.of("--client-threads=event-loop",
                        "--request-timeout=1s"), "so not with --request-timeout"),
                Arguments.of("duration without unit", List.of("--duration=10"), "'10' is not a duration"),
                Arguments.of("negative warm-up", List.of("--warmup=-1s"), "'-1s' is not a warm-up: use auto (until "
                        + "steady, at most 30 s), auto:MAX (like auto:2m), or a duration (like 500ms, 10s, 2m)"),
                Arguments.of("unknown warm-up", List.of("--warmup=steady"), "'steady' is not a warm-up"),
                Arguments.of("automatic warm-up of at most nothing", List.of("--warmup=auto:0s"),
                        "'auto:0s' is not a warm-up"),
                Arguments.of("automatic warm-up without a unit", List.of("--warmup=auto:30"),
                        "'auto:30' is not a warm-up"),
                Arguments.of("unknown sampling", List.of("--sampling=sometimes"), "on, off"),
                Arguments.of("zero duration", List.of("--duration=0s"), "--duration must be longer than 0"),
                Arguments.of("zero alpha", List.of("--alpha=0"), "--alpha must be a number greater than 0"),
                Arguments.of("alpha not a number", List.of("--alpha=NaN"), "--alpha must be a number greater than 0"),
                Arguments.of("unknown workload", List.of("--workload=tranfser"), "does not exist and is not a built-in"),
                Arguments.of("missing file", List.of("--workload=" + tmp.resolve("missing.js")), "does not exist"),
                Arguments.of("syntax error", List.of("--workload=" + syntaxError), "has a syntax error"),
                Arguments.of("no reducer", List.of("--workload=" + noReducer), "defines no function reduce(request)"),
                Arguments.of("empty file", List.of("--workload=" + empty), "is empty"),
                Arguments.of("not UTF-8", List.of("--workload=" + notUtf8), "is not UTF-8 text"),
                Arguments.of("throws while loading", List.of("--workload=" + throwsOnLoad), "failed while loading"),
                Arguments.of("out under a file", List.of("--out", aFile.resolve("sub").toString()), "is not a folder"),
                Arguments.of("out is a file", List.of("--out", aFile.toString()), "is a file, not a folder"),
                Arguments.of("out already used", List.of("--out", full.toString()), "already holds files"),
                Arguments.of("zero trials", List.of("--trials=0"), "--trials must be between 1 and 100, got 0"),
                Arguments.of("two forks", List.of("--forks=2"), "--forks must be 0 (all cells in this JVM) or 1"),
                Arguments.of("zero carriers", List.of("--carriers=0"), "--carriers must be auto or a number from 1 "
                        + "to 256, got '0'"),
                Arguments.of("negative carriers", List.of("--carriers=-2"), "got '-2'"),
                Arguments.of("too many carriers", List.of("--carriers=257"), "got '257'"),
                Arguments.of("carriers not a number", List.of("--carriers=some"), "got 'some'"),
                Arguments.of("other carriers in one JVM", List.of("--carriers=" + (ClientCarriers.inThisJvm() + 1),
                        "--forks=0"), "needs --forks=1: this JVM's virtual threads run on " + ClientCarriers.inThisJvm()
                        + " carriers"),
                Arguments.of("tolerance not a percentage", List.of("--steady-tolerance=abc"), "'abc' is not a percentage"),
                Arguments.of("tolerance over 100%", List.of("--steady-tolerance=150%"), "is not between 0% and 100%"),
                Arguments.of("unknown option", List.of("--strategies=mpsc"), "Unknown option: '--strategies=mpsc'"),
                Arguments.of("zero pipeline", List.of("--pipeline=0"), "--pipeline must be between 1 and 65536, got 0"),
                Arguments.of("negative pipeline", List.of("--pipeline=-8"), "--pipeline must be between 1 and 65536, "
                        + "got -8"),
                Arguments.of("pipeline not a number", List.of("--pipeline=deep"), "'deep' is not an int"),
                Arguments.of("pipeline too deep", List.of("--pipeline=65537"), "got 65537"),
                Arguments.of("pipeline with a rate", List.of("--pipeline=16", "--rate=1000"),
                        "--pipeline applies to the closed loop; it cannot be combined with --rate"),
                Arguments.of("pipeline with a request timeout", List.of("--pipeline=16", "--request-timeout=1s"),
                        "--pipeline cannot be combined with --request-timeout"),
                Arguments.of("pipeline too much in flight", List.of("--clients=10000", "--pipeline=1000"),
                        "--clients times --pipeline is 10,000,000 requests in flight; at most 4,194,304"),
                Arguments.of("zero amount", List.of("--amount=0"), "--amount must be a whole number of at least 1 or "
                        + "random, got '0'"),
                Arguments.of("negative amount", List.of("--amount=-1"), "got '-1'"),
                Arguments.of("amount not a number", List.of("--amount=lots"), "got 'lots'"),
                Arguments.of("negative initial balance", List.of("--initial-balance=-1"),
                        "--initial-balance must be 0 or more, got -1"),
                Arguments.of("unknown preset", List.of("--preset=keynote"), "unknown --preset 'keynote'; valid: seed"),
                Arguments.of("preset without a name", List.of("--preset"), "--preset needs a NAME; valid: seed"),
                Arguments.of("zero rate", List.of("--rate=0"), "--rate must be a number of requests per second"),
                Arguments.of("negative rate", List.of("--rate=-5"), "got -5.0"),
                Arguments.of("rate not a number", List.of("--rate=fast"), "'fast' is not a double"),
                Arguments.of("unknown arrivals", List.of("--rate=100", "--arrivals=bursty"),
                        "unknown --arrivals 'bursty'; valid: constant, poisson"),
                Arguments.of("arrivals without a rate", List.of("--arrivals=poisson"), "--arrivals=poisson needs --rate"),
                Arguments.of("zero max queue", List.of("--max-queue=0"), "--max-queue must be at least 1, got 0"),
                Arguments.of("negative max queue", List.of("--max-queue=-3"), "got -3"),
                Arguments.of("zero request timeout", List.of("--request-timeout=0s"),
                        "--request-timeout must be longer than 0"),
                Arguments.of("request timeout not a duration", List.of("--request-timeout=soon"),
                        "'soon' is not a duration"),
                Arguments.of("zero reducer timeout", List.of("--reducer-timeout=0ms"),
                        "--reducer-timeout must be longer than 0"),
                Arguments.of("unknown idle policy", List.of("--idle=busy"),
                        "unknown --idle 'busy'; valid: auto, park, spin-park, yield, spin"),
                Arguments.of("unknown idle policy in a list", List.of("--idle=park,busy"),
                        "unknown --idle 'busy'; valid: auto, park, spin-park, yield, spin"),
                Arguments.of("idle policy twice", List.of("--idle=park,spin,park"),
                        "--idle names a policy twice: park,spin,park"),
                Arguments.of("zero trap interval", List.of("--trap-every=0"), "--trap-every must be at least 1, got 0"),
                Arguments.of("hostile: host class", List.of("--workload=" + hostClass),
                        "Access to host class java.lang.Runtime is not allowed"),
                Arguments.of("hostile: thread", List.of("--workload=" + threads),
                        "Access to host class java.lang.Thread is not allowed"),
                Arguments.of("hostile: file", List.of("--workload=" + files), "Operation is not allowed for: /etc/passwd"),
                Arguments.of("hostile: module", List.of("--workload=" + modules), "require is not defined"),
                Arguments.of("hostile: environment", List.of("--workload=" + environment), "process is not defined"),
                Arguments.of("hostile: network", List.of("--workload=" + network), "fetch is not defined"),
                Arguments.of("hostile: other language", List.of("--workload=" + otherLanguage),
                        "Polyglot is not defined"),
                Arguments.of("reduce not a function", List.of("--workload=" + reduceNotFunction),
                        "defines no function reduce(request)"),
                Arguments.of("binary file", List.of("--workload=" + binary), "has a syntax error"),
                Arguments.of("class path missing", List.of("--class-path=" + tmp.resolve("missing.jar")),
                        "--class-path: " + tmp.resolve("missing.jar") + " does not exist"),
                Arguments.of("class path not a jar", List.of("--class-path=" + aFile),
                        "--class-path: " + aFile + " is not a jar or folder"),
                Arguments.of("class path without a value", List.of("--class-path"), "--class-path needs a value"),
                Arguments.of("unknown profile", List.of("--profile=nope"),
                        "unknown --profile 'nope'; valid: cpu, wall, alloc, lock, jfr"),
                Arguments.of("profile in one JVM", List.of("--profile=cpu", "--forks=0"),
                        "--profile needs --forks=1: the profiler samples a cell's own JVM"),
                Arguments.of("unknown profile trials", List.of("--profile=cpu", "--profile-trials=first"),
                        "unknown --profile-trials 'first'; valid: all, last"),
                Arguments.of("profile interval without profile", List.of("--profile-interval=1ms"),
                        "--profile-interval needs --profile"),
                Arguments.of("profile interval too short", List.of("--profile=cpu", "--profile-interval=10us"),
                        "--profile-interval must be between 100us and 1s, got 10us"),
                Arguments.of("class path strategy that does not load", List.of("--class-path=" + brokenStrategyJar),
                        "--class-path: " + brokenStrategyJar + " lists the strategy " + AddedStrategyJar.MISSING_CLASS
                                + " in " + ClassPathOption.SERVICE_FILE + ", but no such class is on the class path"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void shouldExitWithUsageErrorOnOneLineAndWriteNothing(String what, List<String> args, String expected)
            throws Exception {
        Path out = tmp.resolve("out-" + what.replace(' ', '-'));
        List<String> command = new ArrayList<>(args);
        for (String quick : List.of("--warmup=0s", "--duration=500ms", "--clients=1")) {
            String option = quick.substring(0, quick.indexOf('='));
            if (args.stream().noneMatch(arg -> arg.startsWith(option))) {
                command.add(quick);
            }
        }
        if (!args.contains("--out")) {
            command.addAll(List.of("--out", out.toString()));
        }

        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run(command.toArray(String[]::new));

        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(ExitCodes.USAGE);
        List<String> errorLines = outcome.stderr().lines().filter(line -> line.startsWith("harness:")).toList();
        assertThat(errorLines).hasSize(1);
        assertThat(errorLines.get(0)).contains(expected);
        assertThat(outcome.stderr().lines().filter(line -> !line.startsWith("GraalJS "))).hasSize(1);
        assertThat(out).doesNotExist();
        assertThat(outcome.stdout()).isEmpty();
    }

    /**
     * {@code --pin-worker} where it cannot work: a harness JVM that {@code taskset} confines to one CPU. (Another OS
     * and a C library without the calls are {@code affinity.CpuAffinityTest}'s.)
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldRefusePinWorkerOnOneCpuOnOneLineAndWriteNothing() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/taskset")), "needs taskset");
        Path out = tmp.resolve("out-pin-worker-one-cpu");
        Path classes = Path.of(HarnessCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of("/usr/bin/taskset", "-c", "0"));
        command.addAll(MeasuringJvm.forClassPath(System.getProperty("java.class.path"),
                MeasuringJvm.jvmciFolderNextTo(classes), JdkFinder.running()).withExtraJvmArgs(List.of())
                .command(List.of("--pin-worker", "--warmup=0s", "--duration=500ms", "--clients=1", "--out",
                        out.toString())));

        ProcessRun run = ProcessRun.run(command, tmp, "pin-worker-one-cpu");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr().lines()).as(run.toString()).singleElement().asString()
                .startsWith("harness: --pin-worker needs at least 2 CPUs, one for the worker and one for the rest; "
                        + "this process may run on 1 (cpu 0)");
        assertThat(out).doesNotExist();
        assertThat(run.stdout()).isEmpty();
    }
}
