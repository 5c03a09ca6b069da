package io.handoffbench.harness.cell;

/**
 * How the polyglot engine runs JS; {@code jit} is false on Truffle's fallback runtime, where numbers mean nothing.
 */
public record EngineInfo(String implementationName, String version, boolean jit) {
}
