package io.handoffbench.harness.client;

import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * One client's stream of request payloads, the same for every workload ({@code noop} echoes them back):
 * {@code {"client":3,"seq":17,"from":12,"to":40021,"amount":57}}, with two distinct account ids drawn from a Zipf
 * distribution over {@value #ACCOUNTS} ids, so a few hot accounts see most of the traffic, as in SpacetimeDB's keynote
 * benchmark (whose client also draws two distinct accounts). {@code seq} is the payload's position in the stream.
 *
 * <p>Not thread-safe: one instance per client, used by that client's thread only.
 */
public final class PayloadStream {

    public static final int ACCOUNTS = 100_000;
    public static final int MAX_AMOUNT = 100;

    private final int clientId;
    private final int fixedAmount;
    private final Well19937c random;
    private final ZipfDistribution accounts;
    private final StringBuilder json = new StringBuilder(96);
    private long sequence;
    private int from;
    private int to;
    private int amount;

    /**
     * @param alpha  Zipf exponent, greater than 0; larger is more skewed (1.5: id 0 takes about 38% of draws)
     * @param seed   with the client id, fixes the stream, so a run can be repeated request for request
     * @param amount the amount of every transfer, or 0 for a random one in [1, {@value #MAX_AMOUNT}]
     */
    public PayloadStream(int clientId, double alpha, long seed, int amount) {
        this.clientId = clientId;
        this.fixedAmount = amount;
        this.random = new Well19937c(seed * 1_000_003L + clientId);
        this.accounts = new ZipfDistribution(random, ACCOUNTS, alpha);
    }

    /** Random amounts in [1, {@value #MAX_AMOUNT}]. */
    public PayloadStream(int clientId, double alpha, long seed) {
        this(clientId, alpha, seed, 0);
    }

    /**
     * The next payload; {@link #from}, {@link #to} and {@link #amount} then say what it names. Zipf samples are
     * 1-based ranks; account ids are 0-based.
     */
    public String next() {
        from = accounts.sample() - 1;
        do {
            to = accounts.sample() - 1;
        } while (to == from);
        amount = fixedAmount > 0 ? fixedAmount : 1 + random.nextInt(MAX_AMOUNT);
        return format(sequence++, from, to, amount);
    }

    /**
     * This client's payload for the given fields, without drawing: a request's JSON text, built the one way every
     * payload is.
     */
    public String format(long seq, int from, int to, int amount) {
        json.setLength(0);
        json.append("{\"client\":").append(clientId)
                .append(",\"seq\":").append(seq)
                .append(",\"from\":").append(from)
                .append(",\"to\":").append(to)
                .append(",\"amount\":").append(amount)
                .append('}');
        return json.toString();
    }

    /** The paying account of the last payload. */
    public int from() {
        return from;
    }

    /** The receiving account of the last payload. */
    public int to() {
        return to;
    }

    /** The amount of the last payload. */
    public int amount() {
        return amount;
    }
}
