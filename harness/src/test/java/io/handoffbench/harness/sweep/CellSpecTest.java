package io.handoffbench.harness.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoffbench.harness.cell.Arrivals;
import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellId;
import io.handoffbench.harness.cell.ClientThreads;
import io.handoffbench.harness.cell.LoadSettings;
import io.handoffbench.harness.cell.SweepSettings;
import io.handoffbench.harness.cell.TrapSettings;
import io.handoffbench.harness.output.ResultFolder;
import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.testing.TestCells;
import io.handoffbench.strategy.idle.IdlePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the sweep writes for a forked cell is what the forked cell runs. */
class CellSpecTest {

    @TempDir
    Path tmp;

    @Test
    void shouldRoundTripEverySettingOfAStrategysCell() throws Exception {
        SweepSettings settings = new SweepSettings(TestCells.workload("slow-echo.js"), ClientThreads.PLATFORM,
                new SweepSettings.Timing(Duration.ofMillis(1_500), Duration.ofSeconds(7), 0.05),
                new SweepSettings.RequestStreams(0.9, 42, 3, 500),
                new LoadSettings(2_500.5, Arrivals.POISSON, 17, Duration.ofMillis(250), 1),
                new TrapSettings(Duration.ofMillis(80), 5_000), true);
        CellConfig cell = new CellConfig(new CellId(TestCells.strategy("mpsc"), 64, 3, IdlePolicy.SPIN_PARK, "auto"),
                settings);
        ResultFolder folder = ResultFolder.create(tmp.resolve("sweep"));

        Path file = CellSpec.write(folder, cell);
        CellSpec read = CellSpec.read(file);

        assertThat(file).isEqualTo(folder.resolve(ResultLayout.cellSpec(cell.id())));
        assertThat(read.formatVersion()).isEqualTo(CellSpec.FORMAT_VERSION);
        assertThat(Path.of(read.folder())).isEqualTo(folder.dir());
        CellId id = read.cell().id();
        assertThat(id.strategy().id()).isEqualTo("mpsc");
        assertThat(id).extracting(CellId::clients, CellId::trial, CellId::idle, CellId::idleName, CellId::series)
                .containsExactly(64, 3, IdlePolicy.SPIN_PARK, "auto", "mpsc@auto");
        SweepSettings back = read.cell().settings();
        assertThat(back.workload().origin()).isEqualTo(settings.workload().origin());
        assertThat(back.workload().sha256()).isEqualTo(settings.workload().sha256());
        assertThat(back.clientThreads()).isEqualTo(ClientThreads.PLATFORM);
        assertThat(back.timing()).isEqualTo(settings.timing());
        assertThat(back.requests()).isEqualTo(settings.requests());
        assertThat(back.load()).isEqualTo(settings.load());
        assertThat(back.worker()).isEqualTo(settings.worker());
        assertThat(back.pinWorker()).as("--pin-worker reaches the forked cell").isTrue();
        assertThat(CellSpec.commandLine(file)).containsExactly("cell", "--spec", file.toString());
    }

    @Test
    void shouldRoundTripTheCeilingAndABuiltInWorkload() throws Exception {
        CellConfig ceiling = new CellConfig(CellId.ceiling(2), TestCells.settings(TestCells.workload("noop"),
                Duration.ofSeconds(1), Duration.ofSeconds(2), LoadSettings.CLOSED_LOOP, TrapSettings.NONE));

        CellSpec read = CellSpec.read(CellSpec.write(ResultFolder.create(tmp.resolve("c")), ceiling));

        assertThat(read.cell().id().isCeiling()).isTrue();
        assertThat(read.cell().id().trial()).isEqualTo(2);
        assertThat(read.cell().workload().origin()).isEqualTo("builtin:noop");
    }

    @Test
    void shouldRefuseAnUnknownStrategyOrAnotherFormatWithOneLine() throws Exception {
        CellConfig cell = TestCells.cell(TestCells.strategy("linked"), 4, TestCells.settings(
                TestCells.workload("noop"), Duration.ofSeconds(1), Duration.ofSeconds(1), LoadSettings.CLOSED_LOOP,
                TrapSettings.NONE));
        Path file = CellSpec.write(ResultFolder.create(tmp.resolve("s")), cell);
        String json = Files.readString(file);

        Files.writeString(file, json.replace("\"linked\"", "\"no-such-strategy\""));
        assertThatThrownBy(() -> CellSpec.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown strategy 'no-such-strategy'; valid: ")
                .hasMessageNotContaining("\n");

        Files.writeString(file, json.replace("\"format_version\" : 1", "\"format_version\" : 99"));
        assertThatThrownBy(() -> CellSpec.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format_version 99");
    }
}
