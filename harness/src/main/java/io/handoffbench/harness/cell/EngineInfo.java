package io.handoffbench.harness.cell;

import java.util.Map;

/**
 * How the polyglot engine runs JS; {@code jit} is false on Truffle's fallback runtime, where numbers mean nothing.
 *
 * @param version      the polyglot API's version, read from its jar ({@code Engine.getVersion()} says "Development
 *                     Build" outside a GraalVM)
 * @param versions     every GraalVM component's version, read from its jar: polyglot, truffle, js, the compiler
 * @param compilations what Truffle compiled in the cell; null where it was not watched (the sweep's probe)
 */
public record EngineInfo(String implementationName, String version, boolean jit, Map<String, String> versions,
                         Compilations compilations) {

    /** Without component versions or compilations, as older results recorded it. */
    public EngineInfo(String implementationName, String version, boolean jit) {
        this(implementationName, version, jit, Map.of(), null);
    }

    /** This engine with what it compiled in one cell. */
    public EngineInfo withCompilations(Compilations cell) {
        return new EngineInfo(implementationName, version, jit, versions, cell);
    }

    /**
     * True when Truffle compiled nothing in the cell, measurement and a grace period after it included: no JIT, or
     * one that fails every compilation or is switched off.
     */
    public boolean nothingCompiled() {
        return !jit || compilations != null && compilations.compiled() == 0;
    }

    /**
     * Truffle's compilations in one cell, from its compilation trace.
     *
     * @param compiled                  call targets compiled over the whole cell (each tier counts)
     * @param compiledBeforeMeasurement of which before the measurement began
     * @param failed                    compilations that failed
     * @param reducerCompiled           whether {@code reduce} itself had been compiled before the measurement began
     * @param firstFailure              the first failure as Truffle traced it; null without failures
     */
    public record Compilations(long compiled, long compiledBeforeMeasurement, long failed, boolean reducerCompiled,
                               String firstFailure) {
    }
}
