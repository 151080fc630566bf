package org.backbeat.studio;

import java.util.List;
import java.util.concurrent.Callable;
import org.backbeat.groove.Groove;
import org.backbeat.groove.GrooveTransforms;
import org.backbeat.model.GrooveModel;
import org.backbeat.model.ModelFileException;
import org.backbeat.model.Task;
import org.backbeat.model.TaskModels;

/**
 * The studio's Humanize (or Drumify) tool without JavaFX: its own model, opened on first use (the
 * studio starts as fast without one, and works on when there is none), and what it makes of the
 * current groove. The controller runs {@link #apply} on its model worker and commits the result
 * to the {@link StudioSession}, so it is one undoable step in the history like any new groove.
 */
public final class TaskTool {

    private final Task task;
    private volatile Callable<GrooveModel> source;
    /** The file {@link #source} opens when it is one the musician chose, null for the shipped model or a test's. */
    private volatile java.nio.file.Path file;
    private GrooveModel model;
    private volatile double lastDecodeMillis = Double.NaN;

    /** @param source opens the tool's model (e.g. {@code models/humanize.bbm}); called once, on first use */
    public TaskTool(Task task, Callable<GrooveModel> source) {
        if (task == Task.GENERATE) {
            throw new IllegalArgumentException("the studio's own model generates; a tool humanizes or drumifies");
        }
        this.task = task;
        this.source = source;
    }

    /** The shipped model of {@code task}, opened on first use. */
    public static TaskTool shipped(Task task) {
        return new TaskTool(task, () -> TaskModels.open(null, task));
    }

    public Task task() {
        return task;
    }

    /**
     * Milliseconds the tool's model took for the last {@link #apply} (encode and decode, not opening
     * the model), NaN before the first: the status line's "decode" time after Humanize or Drumify.
     */
    public double lastDecodeMillis() {
        return lastDecodeMillis;
    }

    /**
     * The status line's words for the last {@link #apply}: the tool's own model's decode time (not
     * the studio model's), or null when there is none (a failed use).
     */
    public String decodeStatus() {
        double ms = lastDecodeMillis;
        return Double.isNaN(ms) ? null : String.format("%s decode %.1f ms", task.label(), ms);
    }

    /**
     * A MIDI clip as Drumify's taps: every note of its first 4 bars, any pitch or channel, at
     * {@code qpm} (the transport's tempo), named after the file.
     */
    public static StudioGroove clipAsTaps(java.nio.file.Path file, double qpm) throws java.io.IOException {
        org.backbeat.midi.MidiScan clip = org.backbeat.midi.MidiFiles.readClip(file,
            org.backbeat.midi.ReadOptions.userImport().withMapping(GrooveTransforms.TAPS).withAllChannelsAreDrums(true));
        return new StudioGroove(clip.windows().get(0).withQpm(qpm), file.getFileName().toString(), null);
    }

    /** Uses the model {@code next} opens from now on (opened at the next use). */
    public synchronized void setSource(Callable<GrooveModel> next) {
        source = next;
        file = null;
        model = null;
    }

    /**
     * Uses the model in {@code modelFile} from now on (e.g. one the training wizard made), opened
     * at the next use and refused then, with the reason, when it was trained for another task.
     */
    public synchronized void useFile(java.nio.file.Path modelFile) {
        setSource(() -> TaskModels.open(modelFile, task));
        file = modelFile;
    }

    /** The model file chosen with {@link #useFile}, or null: the shipped model (or a test's). */
    public java.nio.file.Path file() {
        return file;
    }

    /** The tool's model, opened now if it was not; refused with a one-line reason when it was trained for another task. */
    public synchronized GrooveModel model() throws Exception {
        if (model == null) {
            GrooveModel m = source.call();
            String why = TaskModels.refusal(m.config(), task, "the " + task.label() + " tool's model");
            if (why != null) {
                throw new ModelFileException(why);
            }
            model = m;
        }
        return model;
    }

    /**
     * Opens the tool's model now, so the first Humanize or Drumify a musician asks for does not wait
     * for the file (the studio calls this on a background thread once it is idle after start; the
     * model's code is already compiled by the studio model's warm-up: the same class, whatever its
     * size). Returns the one-line reason when the model cannot be opened, null when it is ready; the
     * tool stays usable either way, and a later use reports its own failure.
     */
    public String warmUp() {
        try {
            model();
            return null;
        } catch (Exception e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    /**
     * {@code g} humanized (or drumified) at {@code temperature}: the model hears its hits (or taps)
     * and plays them (humanize keeps g's hits, {@link TaskModels#humanize}); the result keeps g's tempo, starts on the first beat, and has no z (it comes
     * from another model than the studio's, so the latent tools encode it afresh).
     *
     * @throws IllegalStateException when g has no hits: there is nothing to humanize
     */
    public StudioGroove apply(StudioGroove g, double temperature, long seed) throws Exception {
        lastDecodeMillis = Double.NaN; // a failed use reports no time
        if (g == null || g.groove().isEmpty()) {
            throw new IllegalStateException("the grid is empty: there is nothing to " + task.label());
        }
        GrooveModel m = model();
        long t0 = System.nanoTime();
        // humanize keeps the pattern (only velocities and timing are the model's); drumify invents the hits
        Groove out = (task == Task.HUMANIZE ? TaskModels.humanize(m, List.of(g.groove()), temperature, seed)
            : TaskModels.perform(m, List.of(g.groove()), temperature, seed)).get(0);
        lastDecodeMillis = (System.nanoTime() - t0) / 1e6;
        out = GrooveTransforms.noHitBeforeTheFirstBeat(out).withQpm(g.groove().qpm());
        String verb = task == Task.HUMANIZE ? "humanized" : "drumified";
        return new StudioGroove(out, verb + " · t " + String.format("%.2f", temperature), null);
    }
}
