package io.handoffbench.harness.client;

import io.handoffbench.harness.cell.SweepSettings;

/**
 * Every client's requests, made before the warm-up so that the measured loop only indexes them: the payload text
 * and, for the end-state check, the two accounts and the amount it names. The same settings give the same streams
 * in every cell, strategy and trial. A client cycles through its stream: its request n carries payload
 * {@code n mod length()}.
 *
 * <p>Each stream's second half reverses its first half, transfer for transfer (the same amount back from {@code to}
 * to {@code from}), so that one whole cycle moves no money: a client replaying its stream for minutes cannot drain
 * a hot account, which would make transfers fail for insufficient funds and their order matter. The accounts still
 * follow the Zipf distribution, which is the same for payer and payee.
 *
 * <p>Memory is bounded whatever the clients: {@value #TOTAL_PAYLOADS} payloads in all, split evenly (a power of two
 * each, at least {@value #MIN_PER_CLIENT}, at most {@value #MAX_PER_CLIENT}): 512 each at 512 clients, 16,384 each
 * at 10. A payload is a short Latin-1 string plus 12 bytes of accounts and amount ({@code PrecomputedStreamsTest}
 * measures the bytes per payload).
 *
 * <p>Immutable once made; made by the controlling thread and published to the clients by {@link Thread#start()}.
 */
public final class PrecomputedStreams {

    public static final int TOTAL_PAYLOADS = 1 << 18;
    static final int MIN_PER_CLIENT = 16;
    static final int MAX_PER_CLIENT = 1 << 16;

    private final ClientStream[] streams;

    private PrecomputedStreams(ClientStream[] streams) {
        this.streams = streams;
    }

    /**
     * The streams of clients {@code 0..clients-1}. Every payload is then copied into one array in the order the
     * clients use them, slot by slot ({@link ClientStream#payload}): a round of requests, one per client, reads
     * neighbouring strings, where a client-by-client layout would make each request's payload a cache miss once the
     * clients' strings outgrow the caches.
     */
    public static PrecomputedStreams generate(int clients, SweepSettings.RequestStreams settings) {
        int length = lengthFor(clients);
        String[][] made = new String[clients][];
        ClientStream[] streams = new ClientStream[clients];
        String[] bySlot = new String[clients * length];
        for (int client = 0; client < clients; client++) {
            made[client] = new String[length];
            streams[client] = ClientStream.generate(client, clients, made[client], bySlot, settings);
        }
        for (int slot = 0; slot < length; slot++) {
            for (int client = 0; client < clients; client++) {
                // A copy with its own bytes, allocated now: the garbage collector keeps the array's order.
                bySlot[slot * clients + client] = new String(made[client][slot].toCharArray());
            }
        }
        return new PrecomputedStreams(streams);
    }

    /** Each client's stream length for {@code clients} clients: a power of two. */
    static int lengthFor(int clients) {
        int even = Math.max(1, TOTAL_PAYLOADS / Math.max(1, clients));
        return Math.clamp(Integer.highestOneBit(even), MIN_PER_CLIENT, MAX_PER_CLIENT);
    }

    public ClientStream stream(int client) {
        return streams[client];
    }

    public int clients() {
        return streams.length;
    }

    /**
     * One client's payloads, with what each names. Its payloads live in the streams' shared array, slot-major:
     * slot {@code s} of client {@code c} at {@code s x clients + c}. Immutable once generated; any thread.
     */
    public static final class ClientStream {
        private final String[] bySlot;
        private final int client;
        private final int clients;
        private final int[] from;
        private final int[] to;
        private final int[] amount;
        private final int mask;

        private ClientStream(String[] bySlot, int client, int clients, int[] from, int[] to, int[] amount) {
            this.bySlot = bySlot;
            this.client = client;
            this.clients = clients;
            this.from = from;
            this.to = to;
            this.amount = amount;
            this.mask = from.length - 1;
        }

        /**
         * Draws the client's stream into {@code payloads}; {@code bySlot} is the shared array its payloads are copied
         * into afterwards.
         */
        static ClientStream generate(int client, int clients, String[] payloads, String[] bySlot,
                                     SweepSettings.RequestStreams settings) {
            PayloadStream generator = new PayloadStream(client, settings.alpha(), settings.seed(), settings.amount());
            int length = payloads.length;
            int[] from = new int[length];
            int[] to = new int[length];
            int[] amount = new int[length];
            int half = length / 2;
            for (int i = 0; i < half; i++) {
                payloads[i] = generator.next();
                from[i] = generator.from();
                to[i] = generator.to();
                amount[i] = generator.amount();
            }
            for (int i = half; i < length; i++) { // the first half's transfers, reversed
                from[i] = to[i - half];
                to[i] = from[i - half];
                amount[i] = amount[i - half];
                payloads[i] = generator.format(i, from[i], to[i], amount[i]);
            }
            return new ClientStream(bySlot, client, clients, from, to, amount);
        }

        /** The payload of the client's request {@code sequence}. */
        public String payload(long sequence) {
            return bySlot[slot(sequence) * clients + client];
        }

        /** Where request {@code sequence} sits in the stream. */
        public int slot(long sequence) {
            return (int) (sequence & mask);
        }

        public int length() {
            return from.length;
        }

        public int from(int slot) {
            return from[slot];
        }

        public int to(int slot) {
            return to[slot];
        }

        public int amount(int slot) {
            return amount[slot];
        }
    }
}
