package io.handoffbench.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.cell.SweepSettings;
import io.handoffbench.harness.testing.LiveHeap;
import org.junit.jupiter.api.Test;

/** The precomputed request streams: bounded, repeatable, and a whole cycle moves no money. */
class PrecomputedStreamsTest {

    private static final SweepSettings.RequestStreams SETTINGS = SweepSettings.RequestStreams.of(1.5, 1);

    @Test
    void shouldSplitABoundedNumberOfPayloadsEvenlyInPowersOfTwo() {
        assertThat(PrecomputedStreams.lengthFor(1)).isEqualTo(1 << 16);
        assertThat(PrecomputedStreams.lengthFor(10)).isEqualTo(16_384);
        assertThat(PrecomputedStreams.lengthFor(512)).isEqualTo(512);
        assertThat(PrecomputedStreams.lengthFor(10_000)).isEqualTo(16);
        for (int clients : new int[] {1, 3, 10, 64, 512, 1000, 10_000}) {
            int length = PrecomputedStreams.lengthFor(clients);
            assertThat(Integer.bitCount(length)).isEqualTo(1);
            assertThat((long) length * clients).isLessThanOrEqualTo(Math.max(PrecomputedStreams.TOTAL_PAYLOADS,
                    16L * clients));
        }
    }

    @Test
    void shouldGiveTheSameStreamsForTheSameSettingsAndCycle() {
        PrecomputedStreams.ClientStream a = PrecomputedStreams.generate(3, SETTINGS).stream(2);
        PrecomputedStreams.ClientStream b = PrecomputedStreams.generate(3, SETTINGS).stream(2);

        for (long n = 0; n < 3L * a.length(); n += 97) {
            assertThat(a.payload(n)).isEqualTo(b.payload(n)).isSameAs(a.payload(n + a.length()));
        }
        assertThat(a.payload(0)).startsWith("{\"client\":2,\"seq\":0,\"from\":");
    }

    @Test
    void shouldMoveNoMoneyOverAWholeCycleAndNameTwoDistinctAccounts() {
        PrecomputedStreams.ClientStream stream = PrecomputedStreams.generate(1, new SweepSettings.RequestStreams(1.5, 9,
                SweepSettings.RequestStreams.RANDOM_AMOUNT, 1)).stream(0);
        long[] net = new long[PayloadStream.ACCOUNTS];
        for (int slot = 0; slot < stream.length(); slot++) {
            assertThat(stream.from(slot)).isNotEqualTo(stream.to(slot));
            assertThat(stream.payload(slot)).contains("\"from\":" + stream.from(slot) + ",\"to\":" + stream.to(slot)
                    + ",\"amount\":" + stream.amount(slot) + "}");
            net[stream.from(slot)] -= stream.amount(slot);
            net[stream.to(slot)] += stream.amount(slot);
        }
        assertThat(net).containsOnly(0L);
    }

    @Test
    void shouldGiveEveryTransferTheFixedAmountWhenOneIsSet() {
        PrecomputedStreams.ClientStream stream = PrecomputedStreams.generate(2,
                new SweepSettings.RequestStreams(1.5, 1, 1, 1_000_000)).stream(1);
        for (int slot = 0; slot < stream.length(); slot++) {
            assertThat(stream.amount(slot)).isEqualTo(1);
        }
    }

    /** What the streams cost in heap, per payload: the figure behind the README's bound. */
    @Test
    void shouldCostAboutAHundredBytesAPayload() {
        long before = LiveHeap.bytes();
        PrecomputedStreams streams = PrecomputedStreams.generate(512, SETTINGS);
        long after = LiveHeap.bytes();
        double perPayload = (double) (after - before) / PrecomputedStreams.TOTAL_PAYLOADS;

        assertThat(streams.clients()).isEqualTo(512);
        assertThat(perPayload).as("bytes per payload, arrays included").isBetween(60.0, 200.0);
        System.out.printf("precomputed streams at 512 clients: %.0f bytes a payload, %.1f MB in all%n", perPayload,
                (after - before) / 1e6);
    }
}
