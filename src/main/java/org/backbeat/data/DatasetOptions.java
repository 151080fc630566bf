package org.backbeat.data;

import org.backbeat.midi.ReadOptions;

/**
 * How to turn a folder into training data.
 *
 * @param read            drum mapping and channel policy (its hop is replaced per split)
 * @param trainHopBars    window hop for the training split (1: a window at every bar)
 * @param evalHopBars     window hop for validation and test (4: no overlap)
 * @param minHits         windows with fewer hits are dropped (near-silent windows teach nothing)
 * @param validationShare share of files held out for validation in a folder without info.csv
 * @param seed            decides which files of a plain folder are held out
 */
public record DatasetOptions(ReadOptions read, int trainHopBars, int evalHopBars, int minHits,
                             double validationShare, long seed) {

    public DatasetOptions {
        if (validationShare < 0 || validationShare >= 1) {
            throw new IllegalArgumentException("validation share must be in [0, 1)");
        }
        if (trainHopBars < 1 || evalHopBars < 1) {
            throw new IllegalArgumentException("the window hop must be at least 1 bar, not "
                + Math.min(trainHopBars, evalHopBars));
        }
    }

    /** GrooVAE's set-up: hop 1 bar for training, 4 for evaluation, at least 8 hits, 10% validation. */
    public static DatasetOptions defaults() {
        return new DatasetOptions(ReadOptions.training(), 1, 4, 8, 0.1, 0);
    }

    public DatasetOptions withValidationShare(double share) {
        return new DatasetOptions(read, trainHopBars, evalHopBars, minHits, share, seed);
    }

    /** Hop of the training split's windows, in bars (validation and test keep theirs). */
    public DatasetOptions withTrainHopBars(int bars) {
        return new DatasetOptions(read, bars, evalHopBars, minHits, validationShare, seed);
    }

    /**
     * Every file's windows at the evaluation hop, no file of a plain folder held out (they are all
     * TRAIN; a GMD folder keeps info.csv's splits): what {@code eval --split all} reads, no window
     * overlapping another.
     */
    public DatasetOptions allAtEvalHop() {
        return new DatasetOptions(read, evalHopBars, evalHopBars, minHits, 0, seed);
    }

    public DatasetOptions withMinHits(int min) {
        return new DatasetOptions(read, trainHopBars, evalHopBars, min, validationShare, seed);
    }

    public DatasetOptions withRead(ReadOptions r) {
        return new DatasetOptions(r, trainHopBars, evalHopBars, minHits, validationShare, seed);
    }

    String cacheKey() {
        return read.mapping().name() + "|" + java.util.Arrays.deepToString(read.mapping().pitches()) + "|"
            + read.allChannelsAreDrums() + "|" + trainHopBars + "|" + evalHopBars + "|" + minHits + "|"
            + validationShare + "|" + seed
            + (read.otherDrumChannel() ? "|other-drum-channel" : ""); // absent when off: older caches stay valid
    }
}
