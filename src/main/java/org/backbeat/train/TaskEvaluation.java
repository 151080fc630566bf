package org.backbeat.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.backbeat.train.Evaluation.Metrics;
import org.backbeat.train.Evaluation.OffsetError;
import org.backbeat.train.Evaluation.VelocityError;

/**
 * What {@link Evaluator#evaluateTask} measured of a humanize or drumify model. Its JSON keeps the
 * keys and their order of the map it replaces (the output's figures unwrapped at the top level;
 * parts a task has not left out, not written null).
 *
 * @param task     the task's label ({@code humanize}, {@code drumify})
 * @param windows  windows evaluated
 * @param output   the model's output for each window's transformed input, scored against the window
 * @param freeHits humanize only: the free decode, which may change the pattern (null for drumify)
 * @param baseline the baselines, each given the same input
 */
@JsonPropertyOrder({"task", "windows", "output", "freeHits", "baseline"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskEvaluation(String task, int windows, @JsonUnwrapped Metrics output, Metrics freeHits,
                             Baselines baseline) implements EvaluationResult {

    /**
     * The baselines of a task model; those a task does not have are null (drumify has only the
     * nearest window, and none has it without training data).
     */
    @JsonPropertyOrder({"velocityClassMean", "offsetsOnGrid", "nearestTrainingWindow"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Baselines(VelocityError velocityClassMean, OffsetError offsetsOnGrid,
                            Metrics nearestTrainingWindow) {
    }
}
