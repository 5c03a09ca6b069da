package io.handoffbench.harness.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoffbench.harness.cell.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadsTest {

    @TempDir
    Path dir;

    @Test
    void shouldFindTheBuiltInsInTheJar() throws Exception {
        Workload transfer = Workloads.resolve("transfer");
        Workload noop = Workloads.resolve("noop");

        assertThat(transfer.script()).contains("function reduce(request)").contains("100000");
        assertThat(transfer.origin()).isEqualTo("builtin:transfer");
        assertThat(transfer.replyCheck().accepts("{}", "ok")).isTrue();
        assertThat(transfer.replyCheck().accepts("{}", "{}")).isFalse();
        assertThat(noop.replyCheck().accepts("{\"seq\":1}", "{\"seq\":1}")).isTrue();
        assertThat(noop.replyCheck().accepts("{\"seq\":1}", "{\"seq\":2}")).isFalse();
        assertThat(transfer.sha256()).hasSize(64).isNotEqualTo(noop.sha256());
    }

    @Test
    void shouldLoadAUserFileByPath() throws Exception {
        Path file = Files.writeString(dir.resolve("mine.js"), "function reduce(r) { return r; }");

        Workload workload = Workloads.resolve(file.toString());

        assertThat(workload.name()).isEqualTo("mine.js");
        assertThat(workload.file()).contains(file.toAbsolutePath());
    }

    @Test
    void shouldNameTheChoicesForAnUnknownWorkload() {
        assertThatThrownBy(() -> Workloads.resolve("tranfser"))
                .isInstanceOf(WorkloadException.class)
                .hasMessageContaining("'tranfser' does not exist and is not a built-in workload")
                .hasMessageContaining("transfer, transfer-audited, noop");
    }

    @Test
    void shouldRefuseAnEmptyFile() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.js"), "  \n");

        assertThatThrownBy(() -> Workloads.resolve(file.toString())).hasMessageContaining("is empty");
    }

    @Test
    void shouldRefuseAFileThatIsNotUtf8() throws Exception {
        Path file = Files.write(dir.resolve("latin1.js"), new byte[] {'/', '/', ' ', (byte) 0xE9, (byte) 0xFF, '\n'});

        assertThatThrownBy(() -> Workloads.resolve(file.toString())).hasMessageContaining("is not UTF-8 text");
    }

    @Test
    void shouldRefuseAFolder() {
        assertThatThrownBy(() -> Workloads.resolve(dir.toString())).hasMessageContaining("is not a readable file");
    }
}
