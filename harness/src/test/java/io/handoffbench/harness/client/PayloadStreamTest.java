package io.handoffbench.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PayloadStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldMakeValidRequestsWithZipfSkewedAccounts() throws Exception {
        PayloadStream payloads = new PayloadStream(5, 1.5, 42);
        int draws = 20_000;
        int hottest = 0;
        for (int i = 0; i < draws; i++) {
            JsonNode request = JSON.readTree(payloads.next());
            assertThat(request.get("client").asInt()).isEqualTo(5);
            assertThat(request.get("seq").asLong()).isEqualTo(i);
            assertThat(request.get("from").asInt()).isBetween(0, PayloadStream.ACCOUNTS - 1);
            assertThat(request.get("to").asInt()).isBetween(0, PayloadStream.ACCOUNTS - 1);
            assertThat(request.get("amount").asInt()).isBetween(1, PayloadStream.MAX_AMOUNT);
            if (request.get("from").asInt() == 0) {
                hottest++;
            }
        }
        // Zipf(1.5) over 100,000 ids gives id 0 a probability of 1/H(100000, 1.5) = 0.385.
        assertThat(hottest / (double) draws).isBetween(0.36, 0.41);
    }

    @Test
    void shouldRepeatTheSameStreamForTheSameSeedAndClient() {
        PayloadStream a = new PayloadStream(3, 1.5, 9);
        PayloadStream b = new PayloadStream(3, 1.5, 9);
        PayloadStream otherSeed = new PayloadStream(3, 1.5, 10);

        int differences = 0;
        for (int i = 0; i < 100; i++) {
            String next = a.next();
            assertThat(b.next()).isEqualTo(next);
            if (!otherSeed.next().equals(next)) {
                differences++;
            }
        }
        assertThat(differences).as("another seed gives another stream").isGreaterThan(50);
    }
}
