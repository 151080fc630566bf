package org.backbeat.train;

/** Receives progress events, on the training thread. */
@FunctionalInterface
public interface TrainingListener {
    TrainingListener NONE = p -> { };

    void onProgress(TrainingProgress progress);
}
