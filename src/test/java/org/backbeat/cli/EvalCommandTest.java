package org.backbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backbeat.TestData;
import org.backbeat.groove.DrumMapping;
import org.backbeat.midi.MidiFiles;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelCard;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelFile;
import org.backbeat.model.ModelInitializer;
import org.backbeat.model.StoredModel;
import org.backbeat.train.TrainingData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

    @TempDir
    static Path cache;

    @BeforeAll
    static void privateCache() {
        System.setProperty("backbeat.cache", cache.toString());
    }

    /** {@code n} one-window files, grooves {@code seed0 .. seed0+n-1}. */
    static Path grooves(Path dir, long seed0, int n) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < n; i++) {
            MidiFiles.write(TestData.busyGroove(seed0 + i), dir.resolve("g" + i + ".mid"));
        }
        return dir;
    }

    /** A tiny random model whose card says it was trained on {@code trainedOn} (null: says nothing). */
    static Path model(Path file, Path trainedOn) throws IOException {
        ModelConfig c = new ModelConfig(8, 4, DecoderType.FLAT, List.of(8), 0, DrumMapping.ROLAND);
        Map<String, Object> training = new LinkedHashMap<>();
        if (trainedOn != null) {
            training.put(TrainingData.DATA, trainedOn.toAbsolutePath().toString());
            training.put(TrainingData.HOP_BARS, 1);
            training.put(TrainingData.MIN_HITS, 8);
            training.put(TrainingData.VALIDATION_SHARE, 0.1);
            training.put(TrainingData.SPLIT_SEED, 0);
        }
        ModelFile.save(file, new StoredModel(c, ModelInitializer.random(c, 7),
            new ModelCard("tiny", "eval test", training, Map.of()), List.of()));
        return file;
    }

    static JsonNode json(InspectCommandTest.Run r) throws IOException {
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    /** A humanize model is scored as one: from the windows' quantized hits, against its three baselines. */
    @Test
    void aHumanizeModelIsEvaluatedOnHumanizingAgainstItsBaselines(@TempDir Path dir) throws Exception {
        Path train = grooves(dir.resolve("train"), 100, 6);
        Path mine = grooves(dir.resolve("mine"), 200, 4);
        Path m = model(dir.resolve("m.bbm"), train);
        StoredModel s = ModelFile.load(m);
        ModelFile.save(m, new StoredModel(s.config().withTask(org.backbeat.model.Task.HUMANIZE), s.weights(), s.card(),
            s.directions()));
        JsonNode r = json(InspectCommandTest.run("eval", "--model", m.toString(), "--data", mine.toString(), "--json"));
        assertEquals("humanize", r.get("task").asText());
        assertEquals(4, r.get("windows").asInt());
        assertTrue(r.has("velocityMae") && r.has("offsetMaeMs"), r.toString());
        assertFalse(r.has("prior"), "no prior samples for a task model");
        for (String b : List.of("velocityClassMean", "offsetsOnGrid", "nearestTrainingWindow")) {
            assertTrue(r.get("baseline").has(b), b + " in " + r.get("baseline"));
        }
    }

    @Test
    void aPlainFolderIsEvaluatedWholeByDefaultAndItsHeldOutShareOnRequest(@TempDir Path dir) throws Exception {
        Path train = grooves(dir.resolve("train"), 100, 6);
        Path mine = grooves(dir.resolve("mine"), 200, 12);
        Path m = model(dir.resolve("m.bbm"), train);
        JsonNode all = json(InspectCommandTest.run("eval", "--model", m.toString(), "--data", mine.toString(),
            "--samples", "10", "--json"));
        assertEquals("all", all.get("split").asText());
        assertEquals(12, all.get("windows").asInt(), "every window of the folder, not its 10 % share");
        JsonNode held = json(InspectCommandTest.run("eval", "--model", m.toString(), "--data", mine.toString(),
            "--split", "validation", "--samples", "10", "--json"));
        assertEquals(2, held.get("windows").asInt(), "ceil(12 * 0.1) files held out, one window each");
    }

    @Test
    void theNearestWindowBaselineSearchesTheModelsOwnTrainingData(@TempDir Path dir) throws Exception {
        Path train = grooves(dir.resolve("train"), 100, 6);
        Path m = model(dir.resolve("m.bbm"), train);
        // a folder of copies of three training grooves: each one's nearest training window is itself
        Path copies = grooves(dir.resolve("copies"), 102, 3);
        InspectCommandTest.Run r = InspectCommandTest.run("eval", "--model", m.toString(), "--data", copies.toString(),
            "--samples", "10", "--json");
        JsonNode j = json(r);
        JsonNode nearest = j.get("baseline").get("nearestTrainingWindow");
        assertEquals(1.0, nearest.get("hitF1").asDouble());
        assertEquals(0.0, nearest.get("velocityMae").asDouble());
        assertTrue(j.get("trainingData").asText().startsWith(train.toAbsolutePath().toString()), j.toString());
        // six files less the one the card's 10 % share held out
        assertTrue(j.get("trainingData").asText().endsWith(", 5 windows"), j.toString());
        assertFalse(r.err().contains("baseline:"), r.err());

        // grooves the model never saw are not found there
        Path other = grooves(dir.resolve("other"), 300, 3);
        JsonNode o = json(InspectCommandTest.run("eval", "--model", m.toString(), "--data", other.toString(),
            "--samples", "10", "--json"));
        assertTrue(o.get("baseline").get("nearestTrainingWindow").get("hitF1").asDouble() < 0.9, o.toString());
    }

    @Test
    void trainingDataThatIsNotHereSkipsTheBaselineWithOneLine(@TempDir Path dir) throws Exception {
        Path train = grooves(dir.resolve("train"), 100, 6);
        Path gone = dir.resolve("gone");
        Path m = model(dir.resolve("m.bbm"), gone);
        Path mine = grooves(dir.resolve("mine"), 102, 3);
        InspectCommandTest.Run r = InspectCommandTest.run("eval", "--model", m.toString(), "--data", mine.toString(),
            "--samples", "10", "--json");
        JsonNode j = json(r);
        assertFalse(j.get("baseline").has("nearestTrainingWindow"), j.toString());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("baseline:")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).contains("(" + gone + ", per its card) is not on this machine"), lines.get(0));
        assertTrue(j.get("trainingData").asText().startsWith("not found: "), j.toString());

        // the same data elsewhere on this machine
        JsonNode found = json(InspectCommandTest.run("eval", "--model", m.toString(), "--data", mine.toString(),
            "--training-data", train.toString(), "--samples", "10", "--json"));
        assertEquals(1.0, found.get("baseline").get("nearestTrainingWindow").get("hitF1").asDouble());

        Path imported = model(dir.resolve("imported.bbm"), null);
        InspectCommandTest.Run none = InspectCommandTest.run("eval", "--model", imported.toString(), "--data",
            mine.toString(), "--samples", "10");
        assertEquals(0, none.code(), none.err());
        assertTrue(none.err().contains("baseline: the model's card does not say what it was trained on"), none.err());
    }

    @Test
    void evaluatingTheTrainingFolderItselfSaysSo(@TempDir Path dir) throws Exception {
        Path train = grooves(dir.resolve("train"), 100, 6);
        Path m = model(dir.resolve("m.bbm"), train);
        InspectCommandTest.Run r = InspectCommandTest.run("eval", "--model", m.toString(), "--data", train.toString(),
            "--samples", "10", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("is this model's training data"), r.err());
    }

    @Test
    void badInputGetsOneLine(@TempDir Path dir) throws Exception {
        Path mine = grooves(dir.resolve("mine"), 100, 3);
        Path m = model(dir.resolve("m.bbm"), mine);
        InspectCommandTest.Run split = InspectCommandTest.run("eval", "--model", m.toString(), "--data", mine.toString(),
            "--split", "everything");
        assertEquals(2, split.code());
        assertTrue(split.err().strip().startsWith("backbeat eval: --split must be all, train, validation or test "
            + "(got 'everything')"), split.err());
        InspectCommandTest.Run test = InspectCommandTest.run("eval", "--model", m.toString(), "--data", mine.toString(),
            "--split", "test");
        assertEquals(1, test.code());
        assertTrue(test.err().strip().endsWith("(a plain folder has no test split; --split all evaluates every window)"),
            test.err());
        InspectCommandTest.Run missing = InspectCommandTest.run("eval", "--model", m.toString(), "--data",
            dir.resolve("nothing").toString());
        assertEquals(1, missing.code());
        assertEquals("backbeat eval: " + dir.resolve("nothing") + " is not a folder", missing.err().strip());
    }
}
