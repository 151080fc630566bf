package org.backbeat.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Map;

/**
 * What {@link Evaluator#evaluate} measured of a generate model. Its JSON (what {@code backbeat eval
 * --json} prints and {@code --write-card} stores in a card's metrics) keeps the keys and their order
 * of the map it replaces: the reconstruction figures sit at the top level beside {@code windows}, so
 * the component is unwrapped, and a part that was not measured is left out rather than written null.
 *
 * @param windows        windows evaluated
 * @param reconstruction encode the mean, decode at temperature 0, scored against the window
 * @param kl             mean KL in nats
 * @param negativeElbo   mean teacher-forced reconstruction loss + KL
 * @param prior          overlapping area of each feature's histogram, prior samples against the data,
 *                       plus {@code minimum} and {@code mean}; null when no prior samples were drawn
 * @param baseline       the model-free baselines
 */
@JsonPropertyOrder({"windows", "reconstruction", "kl", "negativeElbo", "prior", "baseline"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evaluation(int windows, @JsonUnwrapped Metrics reconstruction, double kl, double negativeElbo,
                         Map<String, Double> prior, Baselines baseline) implements EvaluationResult {

    public Evaluation {
        prior = prior == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(prior));
    }

    /**
     * Step accuracy (all 9 hits of a step right), hit precision / recall / F1 over all cells,
     * velocity and offset MAE (ms) on true-positive hits (NaN where there were none).
     */
    @JsonPropertyOrder({"stepAccuracy", "hitPrecision", "hitRecall", "hitF1", "velocityMae", "offsetMaeMs"})
    public record Metrics(double stepAccuracy, double hitPrecision, double hitRecall, double hitF1,
                          double velocityMae, double offsetMaeMs) {
    }

    /** Velocity error alone: a baseline that only places velocities. */
    public record VelocityError(double velocityMae) {
    }

    /** Timing error alone: a baseline that only places offsets. */
    public record OffsetError(double offsetMaeMs) {
    }

    /**
     * The baselines of a generate model.
     *
     * @param nearestTrainingWindow the nearest training window by hit Hamming distance; null without
     *                              training data
     * @param offsetsOnGrid         every hit on the grid
     * @param velocityClassMean     each hit at its class's mean velocity
     */
    @JsonPropertyOrder({"nearestTrainingWindow", "offsetsOnGrid", "velocityClassMean"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Baselines(Metrics nearestTrainingWindow, OffsetError offsetsOnGrid,
                            VelocityError velocityClassMean) {
    }
}
