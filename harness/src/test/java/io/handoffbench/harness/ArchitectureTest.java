package io.handoffbench.harness;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The harness's packages form a one-way stack; a dependency against it fails the build.
 *
 * <pre>
 *   cli ──▶ sweep ──▶ report ──▶ output
 *             │                    ▲
 *             ├────────────────────┘
 *             └──▶ run ──▶ client ──▶ worker ──▶ (strategies module)
 *   profile (--profile: async-profiler in a cell's JVM, the CPU breakdown): used by cli only; uses run's hook
 *   launch: used by cli and sweep; by run only for this JVM's carrier count (ClientCarriers), one event loop each
 *   affinity (--pin-worker's CPU masks): used by cli, run and worker; uses the model only
 *   cell, metrics, stats: the model, used by all, using none of the above
 * </pre>
 *
 * <p>A layer may use the layers below it, never one above: {@code output} writes a {@code cell.CellResult} without
 * knowing how it was measured, and {@code run} measures without knowing where results go.
 */
@AnalyzeClasses(packages = "io.handoffbench.harness", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String BASE = "io.handoffbench.harness.";

    @ArchTest
    static final ArchRule layersOnlyDependDownwards = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("cli").definedBy(BASE + "cli..")
            .layer("sweep").definedBy(BASE + "sweep..")
            .layer("report").definedBy(BASE + "report..")
            .layer("output").definedBy(BASE + "output..")
            .layer("profile").definedBy(BASE + "profile..")
            .layer("run").definedBy(BASE + "run..")
            .layer("client").definedBy(BASE + "client..")
            .layer("worker").definedBy(BASE + "worker..")
            .layer("launch").definedBy(BASE + "launch..")
            .layer("affinity").definedBy(BASE + "affinity..")
            .layer("model").definedBy(BASE + "cell..", BASE + "metrics..", BASE + "stats..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("sweep").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("report").mayOnlyBeAccessedByLayers("cli", "sweep")
            .whereLayer("output").mayOnlyBeAccessedByLayers("cli", "sweep", "report")
            .whereLayer("profile").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("run").mayOnlyBeAccessedByLayers("cli", "sweep", "profile")
            .whereLayer("client").mayOnlyBeAccessedByLayers("run")
            .whereLayer("worker").mayOnlyBeAccessedByLayers("cli", "sweep", "run", "client")
            .whereLayer("launch").mayOnlyBeAccessedByLayers("cli", "sweep", "run")
            .whereLayer("affinity").mayOnlyBeAccessedByLayers("cli", "run", "worker");

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching(BASE + "(*)..").should().beFreeOfCycles();
}
