package org.backbeat.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backbeat.TestData;
import org.backbeat.groove.DrumMapping;
import org.backbeat.groove.Groove;
import org.backbeat.groove.GrooveTransforms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task is part of a model's config and file; files from before tasks are generate models. */
class TaskTest {

    static final ModelConfig TINY = new ModelConfig(12, 6, DecoderType.FLAT, List.of(10), 0, DrumMapping.ROLAND);

    @TempDir
    Path tmp;

    @Test
    void aModelFileKeepsItsTask() throws Exception {
        for (Task t : Task.values()) {
            Path f = tmp.resolve(t.label() + ".bbm");
            ModelConfig c = TINY.withTask(t);
            ModelFile.save(f, new StoredModel(c, ModelInitializer.random(c, 2), ModelCard.named(t.label(), ""), List.of()));
            assertEquals(t, ModelFile.load(f).config().task());
        }
    }

    @Test
    void aConfigWithoutATaskIsAGenerateModel() throws Exception {
        ObjectNode json = ModelFile.configJson(TINY.withTask(Task.DRUMIFY));
        json.remove("task");
        assertEquals(Task.GENERATE, ModelFile.parseConfig(json, Path.of("old.bbm")).task());
        json.put("task", "juggle");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.parseConfig(json, Path.of("x.bbm")));
        assertEquals("x.bbm has an invalid config: unknown task 'juggle' (generate, humanize, drumify)", e.getMessage());
    }

    @Test
    void aModelFileKeepsWhereItsHeadsWereTrainedAndOldFilesWereTrainedEverywhere() throws Exception {
        ModelConfig c = TINY.withTask(Task.HUMANIZE).withRegression(Regression.AT_HITS);
        Path f = tmp.resolve("at-hits.bbm");
        ModelFile.save(f, new StoredModel(c, ModelInitializer.random(c, 2), ModelCard.named("h", ""), List.of()));
        assertEquals(c, ModelFile.load(f).config());
        ObjectNode json = ModelFile.configJson(c);
        assertEquals("at-hits", json.path("regression").asText());
        json.remove("regression");
        assertEquals(Regression.ALL_STEPS, ModelFile.parseConfig(json, Path.of("old.bbm")).regression());
        assertEquals(Regression.AT_HITS, Regression.forTask(Task.HUMANIZE));
        assertEquals(Regression.ALL_STEPS, Regression.forTask(Task.DRUMIFY));
        assertEquals(Task.HUMANIZE, c.withRegression(Regression.ALL_STEPS).withTask(Task.HUMANIZE).task());
        assertEquals(Regression.AT_HITS, c.withTask(Task.GENERATE).regression(), "withTask keeps the objective");
    }

    /** The shipped model was written before tasks existed. */
    @Test
    void theShippedModelIsAGenerateModel() throws Exception {
        Path shipped = Path.of("models", Models.DEFAULT_FILE);
        assumeTrue(Files.isRegularFile(shipped), "no shipped model here");
        assertEquals(Task.GENERATE, ModelFile.load(shipped).config().task());
    }

    @Test
    void eachTaskFeedsItsEncoderItsTransformation() {
        Groove g = TestData.busyGroove(4);
        assertEquals(g, Task.GENERATE.encoderInput(g));
        assertEquals(GrooveTransforms.humanizeInput(g), Task.HUMANIZE.encoderInput(g));
        assertEquals(GrooveTransforms.tapify(g), Task.DRUMIFY.encoderInput(g));
        float[] flat = new float[64 * 27];
        g.toTensor(flat, 0);
        float[] expected = new float[64 * 27];
        GrooveTransforms.tapify(g).toTensor(expected, 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, Task.DRUMIFY.encoderInput(flat, 1));
        float[] original = new float[64 * 27];
        g.toTensor(original, 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(original, flat, "the targets stay as they were");
        assertEquals(Task.HUMANIZE, Task.parse("Humanize"));
    }
}
