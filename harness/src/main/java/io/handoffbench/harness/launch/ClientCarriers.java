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

    /** The carriers this JVM's virtual threads run on: {@value #PROPERTY} if it was set, else one per core. */
    public static int inThisJvm() {
        String value = System.getProperty(PROPERTY);
        if (value != null) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException ignored) {
                // the JDK ignores a value it cannot parse, and so does this
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** The JVM flag that starts a JVM with {@code carriers} carriers. */
    public static String flag(int carriers) {
        return "-D" + PROPERTY + "=" + carriers;
    }
}
