package org.backbeat.train;

/**
 * One progress event of a training run; the CLI prints it as a progress line, the wizard charts it.
 * Losses are per-window means (hits cross-entropy, velocity and offset squared error summed over
 * the window, KL in nats); {@code validationLoss} is NaN when this event has none.
 */
public record TrainingProgress(long step, long totalSteps, int epoch, double loss, double hitLoss,
                               double velocityLoss, double offsetLoss, double kl, double beta, double learningRate,
                               double examplesPerSecond, double etaSeconds, double validationLoss,
                               double bestValidationLoss, String message, double fractionDone) {

    /** Whether the run has a step budget ({@link #totalSteps()} is 0 for a time budget only). */
    public boolean hasStepBudget() {
        return totalSteps > 0;
    }
}
