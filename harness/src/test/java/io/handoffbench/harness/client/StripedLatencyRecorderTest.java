package io.handoffbench.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared, striped recording records exactly what one histogram per client recorded: the same counts and the same
 * percentiles from the same values, and nothing lost or counted twice while writers race the interval reader.
 */
class StripedLatencyRecorderTest {

    private static final double[] PERCENTILES = {0, 1, 10, 50, 90, 99, 99.9, 99.99, 100};

    @ParameterizedTest(name = "{0} clients")
    @ValueSource(ints = {1, 63, 64, 65, 2_000})
    void shouldGiveTheSamePercentilesAsOneHistogramPerClient(int clients) {
        StripedLatencyRecorder striped = new StripedLatencyRecorder(clients);
        List<Histogram> endToEnd = new ArrayList<>();
        List<Histogram> queueWait = new ArrayList<>();
        List<Histogram> uncorrected = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(clients);
        for (int id = 0; id < clients; id++) {
            // Main's ClientLedger: a 3-digit end-to-end and uncorrected histogram, 2-digit stages, per client.
            Histogram e2e = new Histogram(3);
            Histogram wait = new Histogram(2);
            Histogram sent = new Histogram(3);
            for (int i = 0; i < 50; i++) {
                long latency = Math.round(Math.exp(random.nextDouble(7, 22))); // 1 us to 3.6 s, log-uniform
                long waited = random.nextLong(latency + 1);
                striped.stripeFor(id).answered(latency, latency - waited / 2, waited, 0, latency - waited);
                e2e.recordValue(latency);
                sent.recordValue(latency - waited / 2);
                wait.recordValue(waited);
            }
            endToEnd.add(e2e);
            queueWait.add(wait);
            uncorrected.add(sent);
        }
        Histogram interval = new Histogram(3);
        striped.addIntervalTo(interval);

        assertSameDistribution(interval, sum(endToEnd));
        assertSameDistribution(striped.queueWait(), sum(queueWait));
        assertSameDistribution(striped.uncorrected(), sum(uncorrected));
        assertThat(striped.service().getTotalCount()).isEqualTo(50L * clients);
        assertThat(striped.stripes()).isEqualTo(Math.min(clients, StripedLatencyRecorder.MAX_STRIPES));
    }

    @ParameterizedTest(name = "{0} writers")
    @ValueSource(ints = {4, 200})
    void shouldLoseNothingWhileWritersRaceTheIntervalReader(int writers) throws Exception {
        StripedLatencyRecorder striped = new StripedLatencyRecorder(writers);
        int perWriter = 5_000;
        List<Thread> threads = new ArrayList<>();
        for (int id = 0; id < writers; id++) {
            StripedLatencyRecorder.Stripe stripe = striped.stripeFor(id);
            int seed = id;
            threads.add(Thread.ofVirtual().start(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                for (int i = 0; i < perWriter; i++) {
                    long latency = random.nextLong(1, 10_000_000);
                    stripe.answered(latency, StripedLatencyRecorder.NOT_OPEN_LOOP, 1, 1, 1);
                    if (i % 100 == 0) {
                        stripe.batch(latency);
                    }
                }
            }));
        }
        Histogram collected = new Histogram(3);
        Histogram interval = new Histogram(3);
        AtomicBoolean done = new AtomicBoolean();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!done.get()) {
                interval.reset();
                striped.addIntervalTo(interval);
                collected.add(interval);
                Thread.onSpinWait();
            }
        });
        for (Thread thread : threads) {
            thread.join();
        }
        done.set(true);
        reader.join();
        striped.addIntervalTo(collected); // what the writers recorded after the reader's last interval

        long expected = (long) writers * perWriter;
        assertThat(collected.getTotalCount()).as("end-to-end over every interval").isEqualTo(expected);
        assertThat(striped.reply().getTotalCount()).isEqualTo(expected);
        assertThat(striped.batch().getTotalCount()).isEqualTo(expected / 100);
        assertThat(striped.uncorrected().getTotalCount()).as("closed loop: none").isZero();
        Histogram empty = new Histogram(3);
        striped.addIntervalTo(empty);
        assertThat(empty.getTotalCount()).as("nothing counted twice").isZero();
    }

    private static Histogram sum(List<Histogram> perClient) {
        Histogram total = new Histogram(3);
        perClient.forEach(total::add);
        return total;
    }

    private static void assertSameDistribution(Histogram actual, Histogram expected) {
        assertThat(actual.getTotalCount()).isEqualTo(expected.getTotalCount());
        assertThat(actual.getMean()).isEqualTo(expected.getMean());
        for (double percentile : PERCENTILES) {
            assertThat(actual.getValueAtPercentile(percentile)).as("p%s", percentile)
                    .isEqualTo(expected.getValueAtPercentile(percentile));
        }
    }
}
