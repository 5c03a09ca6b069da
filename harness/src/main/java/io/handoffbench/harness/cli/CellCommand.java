package io.handoffbench.harness.cli;

import io.handoffbench.harness.cell.CellConfig;
import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.output.CellFiles;
import io.handoffbench.harness.output.ResultFolder;
import io.handoffbench.harness.output.ResultLayout;
import io.handoffbench.harness.profile.CellProfiler;
import io.handoffbench.harness.run.CellRunner;
import io.handoffbench.harness.run.MeasurementHook;
import io.handoffbench.harness.sweep.CellSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code harness cell --spec FILE}: one cell of a sweep, in this JVM. The sweep forks a fresh JVM per cell and runs
 * this in it, with the cell's {@link CellSpec}; it writes the cell's interval log and {@code cells/<cell>.json} into
 * the sweep's folder.
 */
@Command(name = CellSpec.COMMAND, hidden = true,
        description = "Runs one cell of a sweep in this JVM, as its spec file says (the sweep forks it).")
public final class CellCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = CellSpec.SPEC_OPTION, required = true, paramLabel = "FILE",
            description = "The cell's spec, as the sweep wrote it: specs/<cell>.json in the sweep's folder.")
    private Path specFile;

    @Override
    public Integer call() throws Exception {
        CellSpec cell;
        try {
            cell = CellSpec.read(specFile);
        } catch (IllegalArgumentException | IOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        CellConfig config = cell.cell();
        ResultFolder folder = ResultFolder.existing(Path.of(cell.folder()));
        try (StopOnSignal stop = new StopOnSignal(() -> { }, () -> { })) {
            CellProfiler profiler = config.settings().profile().appliesTo(config.id())
                    ? CellProfiler.of(config.settings().profile(), ResultLayout.stem(config.id())) : null;
            CellRunner runner = new CellRunner(System.err, stop::requested,
                    profiler == null ? MeasurementHook.NONE : profiler);
            CellResult result = runner.run(config, folder.resolve(ResultLayout.hlog(config.id())),
                    CellFiles.logComment(config));
            if (profiler != null && profiler.recorded()) {
                result = saveProfile(folder, config, profiler, result);
            }
            CellFiles.write(folder, config, result);
            for (String problem : result.problems()) {
                System.err.println("self-check failed: " + problem);
            }
            System.err.printf("%s: %,.0f TPS%n", config.id().label(), result.tps());
            return result.passed() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
        }
    }

    /** Writes what {@code profiler} recorded into {@code profiles/} and returns {@code result} with it described. */
    private static CellResult saveProfile(ResultFolder folder, CellConfig config, CellProfiler profiler,
                                          CellResult result) throws IOException {
        CellProfiler.Recorded recorded = profiler.finish();
        Files.createDirectories(folder.resolve(ResultLayout.PROFILES_DIR));
        CellProfiler.SavedAs files;
        if (recorded.jfr() != null) {
            files = new CellProfiler.SavedAs(null, null, ResultLayout.flightRecording(config.id()));
            folder.writeAtomically(files.recording(), Files.readAllBytes(recorded.jfr()));
            Files.delete(recorded.jfr());
        } else {
            files = new CellProfiler.SavedAs(ResultLayout.flameGraph(config.id()),
                    ResultLayout.collapsedStacks(config.id()), null);
            folder.writeAtomically(files.flameGraph(), recorded.flameGraph().getBytes(StandardCharsets.UTF_8));
            folder.writeAtomically(files.collapsed(), recorded.collapsed().getBytes(StandardCharsets.UTF_8));
        }
        double cpuUsPerRequest = result.cpu() == null ? Double.NaN : result.cpu().processUsPerRequest();
        return result.withProfile(profiler.describe(recorded, files, cpuUsPerRequest));
    }
}
