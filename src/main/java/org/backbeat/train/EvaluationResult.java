package org.backbeat.train;

/**
 * An evaluation of either kind, for callers that report it whole (the {@code eval} command prints
 * and stores its JSON) without caring which task the model has.
 */
public sealed interface EvaluationResult permits Evaluation, TaskEvaluation {

    /** Windows evaluated. */
    int windows();
}
