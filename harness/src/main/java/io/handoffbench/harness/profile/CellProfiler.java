package io.handoffbench.harness.profile;

import io.handoffbench.harness.cell.CellResult;
import io.handoffbench.harness.cell.ProfileKind;
import io.handoffbench.harness.cell.ProfileSettings;
import io.handoffbench.harness.run.MeasurementHook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import one.profiler.AsyncProfiler;

/**
 * Profiles one cell's measurement in the cell's own JVM: started when the measurement starts and stopped when it
 * ends (a {@link MeasurementHook}), so the warm-up is not in it; then hands over what it recorded.
 *
 * <p>Threading: every method is called by the cell's controlling thread.
 */
public final class CellProfiler implements MeasurementHook {

    /** The engine a Flight Recorder profile names: the JDK's recorder with its {@code profile} settings. */
    static final String JFR_ENGINE = "jfr (JDK Flight Recorder, profile settings)";

    private final ProfileSettings settings;
    private final String title;
    private final AsyncProfiler profiler;
    private final Recording recording;
    private boolean started;
    private boolean running;

    private CellProfiler(ProfileSettings settings, String title, AsyncProfiler profiler, Recording recording) {
        this.settings = settings;
        this.title = title;
        this.profiler = profiler;
        this.recording = recording;
    }

    /**
     * A profiler ready to start: the native library loaded, or the recording set up, before the cell begins.
     *
     * @param settings the sweep's {@code --profile}, applying to this cell
     * @param title    the flame graph's title: which cell
     * @throws IllegalStateException when the library does not load here or the recording cannot be set up
     */
    public static CellProfiler of(ProfileSettings settings, String title) {
        try {
            if (settings.kind() == ProfileKind.JFR) {
                Recording recording = new Recording(Configuration.getConfiguration("profile"));
                recording.setName(title);
                return new CellProfiler(settings, title, null, recording);
            }
            return new CellProfiler(settings, title, AsyncProfilers.load(), null);
        } catch (ProfilerUnavailableException | IOException | ParseException e) {
            throw new IllegalStateException("--profile=" + settings.kind().id() + " cannot load in the cell: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void measurementStarted() {
        try {
            if (recording != null) {
                recording.start();
            } else {
                profiler.execute(AsyncProfilers.startCommand(settings));
            }
            started = true;
            running = true;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("--profile=" + settings.kind().id() + " cannot start in the cell: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void measurementEnded() {
        if (!running) {
            return;
        }
        running = false;
        if (recording != null) {
            recording.stop();
        } else {
            profiler.stop();
        }
    }

    /** Whether anything was recorded: false when the cell ended before its measurement started. */
    public boolean recorded() {
        return started;
    }

    /**
     * What was recorded, the profiler stopped if the cell ended without telling it.
     *
     * @throws IOException when the recording cannot be dumped
     */
    public Recorded finish() throws IOException {
        measurementEnded();
        if (recording != null) {
            Path file = Files.createTempFile("handoff-bench-", ".jfr");
            recording.dump(file);
            recording.close();
            return new Recorded(null, null, file);
        }
        String collapsed = profiler.execute("collapsed");
        String flameGraph = profiler.execute("flamegraph,title=" + title.replace(',', ' '));
        return new Recorded(collapsed, flameGraph, null);
    }

    /**
     * The {@link CellResult.Profile} of what was recorded, with the CPU breakdown for CPU samples.
     *
     * @param recorded        what {@link #finish} returned
     * @param files           the names the files got in the result folder (null for those not written)
     * @param cpuUsPerRequest the process's CPU per request over the measurement
     */
    public CellResult.Profile describe(Recorded recorded, SavedAs files, double cpuUsPerRequest) {
        if (recorded.jfr() != null) {
            return new CellResult.Profile(settings.kind().id(), JFR_ENGINE, null, 0, null, null, files.recording(),
                    List.of());
        }
        return new CellResult.Profile(settings.kind().id(), settings.event(),
                settings.interval() == null ? null : settings.interval().toNanos() / 1e6,
                CpuBreakdown.samples(recorded.collapsed()), files.flameGraph(), files.collapsed(), null,
                settings.kind() == ProfileKind.CPU ? CpuBreakdown.of(recorded.collapsed(), cpuUsPerRequest)
                        : List.of());
    }

    /**
     * @param collapsed  collapsed stacks, each thread's name first; null for jfr
     * @param flameGraph the self-contained HTML flame graph; null for jfr
     * @param jfr        a temporary file holding the recording, to be moved into the folder; null unless jfr
     */
    public record Recorded(String collapsed, String flameGraph, Path jfr) {
    }

    /** The file names, relative to the result folder, that the recording was written to. */
    public record SavedAs(String flameGraph, String collapsed, String recording) {
    }
}
