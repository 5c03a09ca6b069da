package io.handoffbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --carriers} for real: a forked cell's clients run on as many carrier threads as asked, counted in the cell's
 * own JVM by the threads that spent CPU, and the run says how many it gave them.
 */
@Timeout(300)
class ClientCarriersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void shouldRunAForkedCellsClientsOnTheCarriersAsked() throws Exception {
        Path out = tmp.resolve("run");

        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("--strategy=mpsc", "--clients=8",
                "--trials=1", "--warmup=500ms", "--duration=1s", "--carriers=1", "--out", out.toString());

        assertThat(outcome.exitCode()).as(outcome.stderr() + outcome.stdout()).isZero();
        assertThat(outcome.stderr()).contains("clients: virtual threads on 1 carrier thread (--carriers=1)");
        JsonNode cell = JSON.readTree(out.resolve("cells/mpsc-c8-t1.json").toFile());
        // Eight clients kept busy for a second: with the JDK's default (a carrier per core) more than one would run.
        assertThat(cell.at("/cpu/client_threads").asInt()).as("client carrier threads that ran").isEqualTo(1);
        JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
        assertThat(run.at("/options/carriers").asText()).isEqualTo("1");
        assertThat(run.at("/options/client_carriers").asInt()).isEqualTo(1);
        assertThat(Files.readString(out.resolve("report.html"))).contains("Client carriers").contains("--carriers=1");
    }

    @Test
    void shouldRunEventLoopClientsOnALoopPerCarrier() throws Exception {
        Path out = tmp.resolve("loops");

        HarnessEndToEndTest.Outcome outcome = HarnessEndToEndTest.run("--strategy=linked", "--clients=2000",
                "--client-threads=event-loop", "--trials=1", "--warmup=500ms", "--duration=1s", "--carriers=1",
                "--out", out.toString());

        assertThat(outcome.exitCode()).as(outcome.stderr() + outcome.stdout()).isZero();
        assertThat(outcome.stderr()).contains("clients: 1 event loop, one per carrier thread (--carriers=1)");
        JsonNode cell = JSON.readTree(out.resolve("cells/linked-c2000-t1.json").toFile());
        assertThat(cell.at("/cell/client_threads").asText()).isEqualTo("event-loop");
        assertThat(cell.at("/cpu/client_threads").asInt()).as("the carrier that ran the loop").isEqualTo(1);
        assertThat(cell.at("/accounting/completed").asLong()).isPositive();
        assertThat(cell.at("/problems").size()).as(cell.at("/problems").toString()).isZero();
        JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
        assertThat(run.at("/options/client_threads").asText()).isEqualTo("event-loop");
    }
}
