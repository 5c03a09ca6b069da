package io.handoffbench.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TransferRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldMakeValidRequestsWithZipfSkewedAccounts() throws Exception {
        TransferRequests requests = new TransferRequests(5, 1.5, 42);
        int draws = 20_000;
        int hottest = 0;
        for (int i = 0; i < draws; i++) {
            JsonNode request = JSON.readTree(requests.next());
            assertThat(request.get("client").asInt()).isEqualTo(5);
            assertThat(request.get("seq").asLong()).isEqualTo(i);
            assertThat(request.get("from").asInt()).isBetween(0, TransferRequests.ACCOUNTS - 1);
            assertThat(request.get("to").asInt()).isBetween(0, TransferRequests.ACCOUNTS - 1);
            assertThat(request.get("amount").asInt()).isBetween(1, TransferRequests.MAX_AMOUNT);
            if (request.get("from").asInt() == 0) {
                hottest++;
            }
        }
        // Zipf(1.5) over 100,000 ids gives id 0 a probability of 1/H(100000, 1.5) = 0.385.
        assertThat(hottest / (double) draws).isBetween(0.36, 0.41);
    }

    @Test
    void shouldRepeatTheSameStreamForTheSameSeedAndClient() {
        TransferRequests a = new TransferRequests(3, 1.5, 9);
        TransferRequests b = new TransferRequests(3, 1.5, 9);
        TransferRequests otherSeed = new TransferRequests(3, 1.5, 10);

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
