package io.handoffbench.harness.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoffbench.harness.cell.CellId;
import io.handoffbench.harness.testing.TestCells;
import io.handoffbench.strategy.idle.IdlePolicy;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A cell's file stem both ways, the names of its files, and which format versions are read. */
class ResultLayoutTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "mpsc-c512-t1, mpsc, 512, 1",
            "mpsc-blocking-c64-t3, mpsc-blocking, 64, 3",
            "mpsc@spin-park-c16-t2, mpsc@spin-park, 16, 2",
            "test-array-c1-t10, test-array, 1, 10",
            "ceiling-t2, ceiling, 0, 2"})
    void shouldReadBackTheStemItWrites(String stem, String series, int clients, int trial) {
        assertThat(ResultLayout.stem(series, clients, trial)).isEqualTo(stem);
        assertThat(ResultLayout.parseStem(stem)).contains(new ResultLayout.Stem(series, clients, trial));
        assertThat(ResultLayout.parseHlog(stem + ".hlog")).contains(new ResultLayout.Stem(series, clients, trial));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "run", "summary", "mpsc-c512", "mpsc-t1", "ceiling-c0-t1", "mpsc-c512-t1.hlog",
            "mpsc-cX-t1", "mpsc-c512-t", "-c512-t1", "mpsc-c512-t99999999999"})
    void shouldRejectWhatIsNotAStem(String name) {
        assertThat(ResultLayout.parseStem(name)).isEmpty();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"mpsc-c512-t1.hlog.partial", "mpsc-c512-t1.log", "mpsc-c512-t1.json", "summary.csv",
            "mpsc-c512.hlog", ".hlog"})
    void shouldFindNoIntervalLogInOtherFiles(String fileName) {
        assertThat(ResultLayout.parseHlog(fileName)).isEmpty();
    }

    @Test
    void shouldNameACellsFilesByItsStem() {
        CellId mpsc = new CellId(TestCells.strategy("mpsc"), 512, 1, IdlePolicy.PARK, "park");

        assertThat(ResultLayout.stem(mpsc)).isEqualTo("mpsc@park-c512-t1");
        assertThat(ResultLayout.hlog(mpsc)).isEqualTo("mpsc@park-c512-t1.hlog");
        assertThat(ResultLayout.cellResult(mpsc)).isEqualTo("cells/mpsc@park-c512-t1.json");
        assertThat(ResultLayout.cellLog(mpsc)).isEqualTo("logs/mpsc@park-c512-t1.log");
        assertThat(ResultLayout.cellSpec(mpsc)).isEqualTo("specs/mpsc@park-c512-t1.json");
        assertThat(ResultLayout.stem(CellId.ceiling(3))).isEqualTo("ceiling-t3");
    }

    @Test
    void shouldReadFormatsOneToThreeAndRefuseANewerOneInALine() {
        Path file = Path.of("some", "summary.csv");

        assertThatCode(() -> ResultLayout.requireReadable(file, 1)).doesNotThrowAnyException();
        assertThatCode(() -> ResultLayout.requireReadable(file, ResultLayout.FORMAT_VERSION))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ResultLayout.requireReadable(file, 4)).isInstanceOf(ResultFormatException.class)
                .hasMessage(file + " is format_version 4, newer than this harness reads (1 to 3); use the harness "
                        + "that wrote it, or a newer one");
        assertThatThrownBy(() -> ResultLayout.requireReadable(file, 0)).hasMessageContaining("versions start at 1");
    }
}
