package org.backbeat.train;

import java.nio.file.Files;
import java.nio.file.Path;
import org.backbeat.model.ModelFile;
import org.backbeat.model.ModelFileException;

/**
 * The validation loss a resumed run has to beat before it may replace the saved model.
 *
 * <p>The checkpoint is written every few minutes, the best model whenever validation improves, so
 * a {@code kill -9} between the two leaves a model better than the checkpoint knows, and a resumed
 * run replaying from the checkpoint overwrote it with every replayed "improvement" on the
 * checkpoint's best (the run: docs/training-notes.md). So a resume compares against the saved model's own recorded loss as well, and its
 * checkpoints then carry that figure: the checkpoint and the best model agree on what "best" is.
 */
final class ResumeBest {

    private ResumeBest() {
    }

    /**
     * The lower of the checkpoint's best and the one recorded in {@code model}'s card; the
     * checkpoint's alone when the model is missing, unreadable or records none.
     */
    static double of(double checkpointBest, Path model) {
        double saved = savedBest(model);
        if (Double.isNaN(saved)) {
            return checkpointBest;
        }
        return Double.isNaN(checkpointBest) ? saved : Math.min(checkpointBest, saved);
    }

    /** The best validation loss {@code model}'s card records, NaN when there is none. */
    static double savedBest(Path model) {
        if (!Files.isRegularFile(model)) {
            return Double.NaN;
        }
        try {
            Double v = ModelFile.loadCard(model).provenance().bestValidationLoss();
            return v != null && Double.isFinite(v) ? v : Double.NaN;
        } catch (ModelFileException e) {
            return Double.NaN; // a damaged model is no result to protect
        }
    }
}
