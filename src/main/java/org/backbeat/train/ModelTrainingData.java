package org.backbeat.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backbeat.data.Dataset;
import org.backbeat.data.DatasetOptions;
import org.backbeat.data.ProgressListener;
import org.backbeat.data.Split;
import org.backbeat.groove.DrumMapping;
import org.backbeat.groove.Groove;
import org.backbeat.midi.ReadOptions;
import org.backbeat.model.ModelCard;
import org.backbeat.model.Provenance;

/**
 * The training windows a model was trained on, rebuilt from what its card records (the folder,
 * the window hop, the minimum hits, a plain folder's held-out share and seed; see
 * {@link TrainingData}). Cards written before those settings were recorded get the trainer's
 * defaults of that time (hop 1, at least 8 hits, share from the card's split text or 0.1, seed 0).
 *
 * @param folder   the folder the model was trained on, as it is on this machine
 * @param options  the settings it was read with
 * @param recorded training windows the card says there were, or -1 when it does not say
 */
public record ModelTrainingData(Path folder, DatasetOptions options, int recorded) {

    /** Either the data or the one-line reason there is none. */
    public record Lookup(ModelTrainingData data, String reason) {
        public boolean found() {
            return data != null;
        }
    }

    private static final Pattern SHARE = Pattern.compile("held out by path hash: ([0-9.]+)");

    /**
     * Finds the model's training data: at {@code override} when given (the same data elsewhere on
     * this machine), else at the card's path.
     */
    public static Lookup find(ModelCard card, DrumMapping mapping, Path override) {
        Provenance t = card.provenance();
        String recordedPath = t.data();
        if (override == null && recordedPath == null) {
            return new Lookup(null, "the model's card does not say what it was trained on (an imported model?)");
        }
        Path folder = override != null ? override : Path.of(recordedPath);
        if (!Files.isDirectory(folder)) {
            return new Lookup(null, override != null ? override + " is not a folder"
                : "the model's training data (" + folder + ", per its card) is not on this machine; "
                    + "--training-data DIR names where it is");
        }
        DatasetOptions defaults = DatasetOptions.defaults();
        double share = t.validationShare() != null ? t.validationShare()
            : splitShare(t.split(), defaults.validationShare());
        DatasetOptions options = new DatasetOptions(ReadOptions.training().withMapping(mapping),
            t.hopBars() != null ? t.hopBars() : defaults.trainHopBars(), defaults.evalHopBars(),
            t.minHits() != null ? t.minHits() : defaults.minHits(), share,
            t.splitSeed() != null ? t.splitSeed() : defaults.seed());
        int recorded = t.windows() != null && t.windows().train() != null ? t.windows().train() : -1;
        return new Lookup(new ModelTrainingData(folder, options, recorded), null);
    }

    /** The training split's windows, read as in training. */
    public List<Groove> trainWindows(ProgressListener progress) throws IOException {
        return Dataset.open(folder, options, progress).windows(Split.TRAIN);
    }

    /** e.g. "/data/groove (train split, hop 1 bar, at least 8 hits)". */
    public String describe() {
        return folder + " (train split, hop " + options.trainHopBars() + " bar" + (options.trainHopBars() == 1 ? "" : "s")
            + ", at least " + options.minHits() + " hits)";
    }

    private static double splitShare(String s, double fallback) {
        if (s != null) {
            Matcher m = SHARE.matcher(s);
            if (m.find()) {
                try {
                    return Double.parseDouble(m.group(1));
                } catch (NumberFormatException ignored) {
                    return fallback;
                }
            }
        }
        return fallback;
    }
}
