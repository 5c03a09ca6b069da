package io.handoffbench.harness.client;

import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * One client's stream of request payloads, the same for every workload ({@code noop} echoes them back):
 * {@code {"client":3,"seq":17,"from":12,"to":40021,"amount":57}}, with the two account ids drawn from a Zipf
 * distribution over {@value #ACCOUNTS} ids, so a few hot accounts see most of the traffic, as in SpacetimeDB's keynote
 * benchmark.
 *
 * <p>Not thread-safe: one instance per client, used by that client's thread only.
 */
public final class PayloadStream {

    public static final int ACCOUNTS = 100_000;
    public static final int MAX_AMOUNT = 100;

    private final int clientId;
    private final Well19937c random;
    private final ZipfDistribution accounts;
    private final StringBuilder json = new StringBuilder(96);
    private long sequence;

    /**
     * @param alpha Zipf exponent, greater than 0; larger is more skewed (1.5: id 0 takes about 38% of draws)
     * @param seed  with the client id, fixes the stream, so a run can be repeated request for request
     */
    public PayloadStream(int clientId, double alpha, long seed) {
        this.clientId = clientId;
        this.random = new Well19937c(seed * 1_000_003L + clientId);
        this.accounts = new ZipfDistribution(random, ACCOUNTS, alpha);
    }

    /** The next payload. Zipf samples are 1-based ranks; account ids are 0-based. */
    public String next() {
        int from = accounts.sample() - 1;
        int to = accounts.sample() - 1;
        int amount = 1 + random.nextInt(MAX_AMOUNT);
        json.setLength(0);
        json.append("{\"client\":").append(clientId)
                .append(",\"seq\":").append(sequence++)
                .append(",\"from\":").append(from)
                .append(",\"to\":").append(to)
                .append(",\"amount\":").append(amount)
                .append('}');
        return json.toString();
    }
}
