package io.handoffbench.harness.launch;

/**
 * How many carrier threads run the clients' virtual threads: the JDK scheduler's parallelism, which a JVM fixes when
 * it starts ({@value #PROPERTY}). The harness starts its JVMs with one carrier fewer than the cores, so that the
 * worker, the one thread every request goes through, keeps a core of its own instead of being preempted by the
 * carriers that run its clients (the JDK's own default is a carrier per core).
 */
public final class ClientCarriers {

    /** The JDK's system property for the virtual-thread scheduler's parallelism, read once, at start-up. */
    public static final String PROPERTY = "jdk.virtualThreadScheduler.parallelism";
    /** The most carriers {@code --carriers} accepts. */
    public static final int MAX = 256;

    private ClientCarriers() {
    }

    /** The default on a machine with {@code cores} cores: every core but the worker's, and at least one. */
    public static int auto(int cores) {
        return Math.max(1, cores - 1);
    }

    /** The default on this machine. */
    public static int auto() {
        return auto(Runtime.getRuntime().availableProcessors());
    }

    /** The carriers this JVM's virtual threads run on: {@value #PROPERTY} if it was set, else one per core. */
    public static int inThisJvm() {
        return parse(System.getProperty(PROPERTY), Runtime.getRuntime().availableProcessors());
    }

    /**
     * A value of {@value #PROPERTY} as the JDK reads it: the number, or {@code otherwise} when there is none or it
     * does not parse (the JDK ignores such a value, and so does this).
     */
    static int parse(String value, int otherwise) {
        if (value != null) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException ignored) {
                // as the JDK: ignored
            }
        }
        return otherwise;
    }

    /** The JVM flag that starts a JVM with {@code carriers} carriers. */
    public static String flag(int carriers) {
        return "-D" + PROPERTY + "=" + carriers;
    }
}
