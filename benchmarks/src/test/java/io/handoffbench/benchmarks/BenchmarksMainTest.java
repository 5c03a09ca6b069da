package io.handoffbench.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

class BenchmarksMainTest {

    private static final List<String> REGISTERED = List.of("rendezvous", "linked", "mpsc", "disruptor", "added");

    @Test
    void shouldRunEveryRegisteredStrategyWhenTheCommandLineNamesNone() throws Exception {
        CommandLineOptions cmd = BenchmarksMain.parse(new String[] {"HandoffRoundTripNoJs", "-f", "1"}, REGISTERED);

        assertThat(cmd.getParameter("strategy").get()).containsExactlyElementsOf(REGISTERED);
        assertThat(cmd.getIncludes()).containsExactly("HandoffRoundTripNoJs");
        assertThat(cmd.getForkCount().get()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheStrategiesTheCommandLineNames() throws Exception {
        CommandLineOptions cmd = BenchmarksMain.parse(new String[] {"-p", "strategy=mpsc,linked"}, REGISTERED);

        assertThat(cmd.getParameter("strategy").get()).containsExactly("mpsc", "linked");
        assertThat(BenchmarksMain.unknownStrategies(cmd, REGISTERED)).isEmpty();
    }

    @Test
    void shouldNameStrategiesThatAreNotRegistered() throws Exception {
        CommandLineOptions cmd = BenchmarksMain.parse(new String[] {"-p", "strategy=mpsc,nope"}, REGISTERED);

        assertThat(BenchmarksMain.unknownStrategies(cmd, REGISTERED)).containsExactly("'nope'");
    }

    @Test
    void shouldAppendTheForkFlagsBeforeTheUsersOwn() throws Exception {
        CommandLineOptions cmd = BenchmarksMain.parse(new String[] {"-jvmArgsAppend", "-Xmx1g -XX:+UseParallelGC"},
                REGISTERED);

        Options options = BenchmarksMain.withProjectDefaults(cmd, List.of("-XX:+EnableJVMCI", "--upgrade-module-path=x"));

        assertThat(options.getJvmArgsAppend().get())
                .containsExactly("-XX:+EnableJVMCI", "--upgrade-module-path=x", "-Xmx1g", "-XX:+UseParallelGC");
        assertThat(options.getParameter("strategy").get()).containsExactlyElementsOf(REGISTERED);
    }

    @Test
    void shouldFailOnErrorUnlessTheUserSaysOtherwise() throws Exception {
        Options byDefault = BenchmarksMain.withProjectDefaults(BenchmarksMain.parse(new String[0], REGISTERED), List.of());
        Options chosen = BenchmarksMain.withProjectDefaults(
                BenchmarksMain.parse(new String[] {"-foe", "false"}, REGISTERED), List.of());

        assertThat(byDefault.shouldFailOnError().get()).isTrue();
        assertThat(chosen.shouldFailOnError().get()).isFalse();
    }
}
