package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backbeat.train.Evaluation.Metrics;
import org.backbeat.train.Evaluation.OffsetError;
import org.backbeat.train.Evaluation.VelocityError;
import org.junit.jupiter.api.Test;

/**
 * The records write the keys, in the order, of the maps they replaced: cards stored by
 * {@code eval --write-card} and scripts reading {@code eval --json} see the same JSON.
 */
class EvaluationJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Metrics M = new Metrics(0.5, 0.6, 0.7, 0.65, Double.NaN, 12.5);

    private static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        for (Iterator<String> i = n.fieldNames(); i.hasNext(); ) {
            k.add(i.next());
        }
        return k;
    }

    @Test
    void aGenerateEvaluationWritesTheFlatKeysOfTheOldMap() {
        Map<String, Double> prior = new LinkedHashMap<>();
        prior.put("velocityMean", 0.8);
        prior.put("minimum", 0.8);
        prior.put("mean", 0.8);
        JsonNode n = JSON.valueToTree(new Evaluation(3, M, 1.5, 40.25, prior,
            new Evaluation.Baselines(M, new OffsetError(6.5), new VelocityError(0.2))));
        assertEquals(List.of("windows", "stepAccuracy", "hitPrecision", "hitRecall", "hitF1", "velocityMae",
            "offsetMaeMs", "kl", "negativeElbo", "prior", "baseline"), keys(n));
        assertEquals(List.of("nearestTrainingWindow", "offsetsOnGrid", "velocityClassMean"), keys(n.get("baseline")));
        assertEquals(6.5, n.get("baseline").get("offsetsOnGrid").get("offsetMaeMs").asDouble());
        assertEquals(List.of("velocityMean", "minimum", "mean"), keys(n.get("prior")));

        JsonNode without = JSON.valueToTree(new Evaluation(3, M, 1.5, 40.25, null,
            new Evaluation.Baselines(null, new OffsetError(6.5), new VelocityError(0.2))));
        assertEquals(List.of("windows", "stepAccuracy", "hitPrecision", "hitRecall", "hitF1", "velocityMae",
            "offsetMaeMs", "kl", "negativeElbo", "baseline"), keys(without), "no prior samples, no prior key");
        assertEquals(List.of("offsetsOnGrid", "velocityClassMean"), keys(without.get("baseline")));
    }

    @Test
    void aTaskEvaluationWritesTheKeysOfTheOldMap() {
        JsonNode humanize = JSON.valueToTree(new TaskEvaluation("humanize", 2, M, M,
            new TaskEvaluation.Baselines(new VelocityError(0.2), new OffsetError(6.5), M)));
        assertEquals(List.of("task", "windows", "stepAccuracy", "hitPrecision", "hitRecall", "hitF1", "velocityMae",
            "offsetMaeMs", "freeHits", "baseline"), keys(humanize));
        assertEquals(List.of("velocityClassMean", "offsetsOnGrid", "nearestTrainingWindow"),
            keys(humanize.get("baseline")));
        JsonNode drumify = JSON.valueToTree(new TaskEvaluation("drumify", 2, M, null,
            new TaskEvaluation.Baselines(null, null, M)));
        assertEquals(List.of("task", "windows", "stepAccuracy", "hitPrecision", "hitRecall", "hitF1", "velocityMae",
            "offsetMaeMs", "baseline"), keys(drumify));
        assertEquals(List.of("nearestTrainingWindow"), keys(drumify.get("baseline")));
    }
}
