package io.handoffbench.harness.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, and the JVM running it. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = HarnessCommand.class.getPackage().getImplementationVersion();
        return new String[] {
                "handoff-bench " + (version != null ? version : "(development build)"),
                "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        };
    }
}
