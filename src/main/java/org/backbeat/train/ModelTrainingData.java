package org.backbeat.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        Map<String, Object> t = card.training();
        Object recordedPath = t.get(TrainingData.DATA);
        if (override == null && !(recordedPath instanceof String)) {
            return new Lookup(null, "the model's card does not say what it was trained on (an imported model?)");
        }
        Path folder = override != null ? override : Path.of((String) recordedPath);
        if (!Files.isDirectory(folder)) {
            return new Lookup(null, override != null ? override + " is not a folder"
                : "the model's training data (" + folder + ", per its card) is not on this machine; "
                    + "--training-data DIR names where it is");
        }
        DatasetOptions defaults = DatasetOptions.defaults();
        double share = number(t.get(TrainingData.VALIDATION_SHARE), splitShare(t.get("split"), defaults.validationShare()));
        DatasetOptions options = new DatasetOptions(ReadOptions.training().withMapping(mapping),
            (int) number(t.get(TrainingData.HOP_BARS), defaults.trainHopBars()), defaults.evalHopBars(),
            (int) number(t.get(TrainingData.MIN_HITS), defaults.minHits()), share,
            (long) number(t.get(TrainingData.SPLIT_SEED), defaults.seed()));
        int recorded = t.get("windows") instanceof Map<?, ?> w && w.get("train") instanceof Number n ? n.intValue() : -1;
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

    private static double number(Object o, double fallback) {
        return o instanceof Number n ? n.doubleValue() : fallback;
    }

    private static double splitShare(Object split, double fallback) {
        if (split instanceof String s) {
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
