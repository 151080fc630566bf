package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.backbeat.TestData;
import org.backbeat.data.ProgressListener;
import org.backbeat.model.ModelCard;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelFile;
import org.backbeat.model.ModelInitializer;
import org.backbeat.model.ModelWeights;
import org.backbeat.model.Regression;
import org.backbeat.model.StoredModel;
import org.backbeat.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Humanize and drumify models train with the same engines: the encoder reads the task's
 * transformation, the losses compare with the full groove.
 */
class TaskTrainingTest {

    @TempDir
    Path tmp;

    /** The hand-derived engine with a transformed encoder input computes the graph's loss and gradients. */
    @Test
    void bothEnginesAgreeWhenTheEncoderReadsTheTapsOfItsTargets() {
        ModelConfig c = BackpropEngineTest.TINY_FLAT.withTask(Task.DRUMIFY);
        ModelWeights w = BackpropEngineTest.weights(c, 2.5);
        int batch = 3;
        float[] x = new float[batch * 64 * 27];
        for (int i = 0; i < batch; i++) {
            TestData.busyGroove(i).toTensor(x, i * 64 * 27);
        }
        BackpropEngineTest.Batch b = BackpropEngineTest.Batch.teacherForced(x, batch, c.zSize(),
            new java.util.SplittableRandom(3));
        float[] input = c.task().encoderInput(x, batch);
        TrainingEngine.Batch feedBatch = new TrainingEngine.Batch(input, b.x(), b.prev(), b.eps(), batch, b.beta());
        GrooveGraph graph = GrooveGraph.build(c, w);
        Map<String, INDArray> feed = SameDiffTraining.feed(feedBatch, c.zSize());
        double refLoss = graph.output(feed, "loss").get("loss").getDouble(0);
        ClippedAdam.createGradFunctionQuietly(graph.sameDiff());
        Map<String, INDArray> refGrads = graph.sameDiff().calculateGradients(feed,
            graph.weightNames().stream().map(GrooveGraph::sdName).toList());
        graph.sameDiff().getSessions().clear();
        try (BackpropEngine engine = new BackpropEngine(c, w, 1)) {
            Map<String, float[]> grads = engine.newGradients();
            double loss = engine.gradients(input, b.x(), b.prev(), b.eps(), batch, b.beta(), grads).loss();
            assertEquals(refLoss, loss, 1e-5 * Math.abs(refLoss));
            for (String name : List.of("encoder/fw/Wx", "encoder/bw/Wx", "decoder/out/W")) {
                float[] e = refGrads.get(GrooveGraph.sdName(name)).dup('c').data().asFloat();
                float[] a = grads.get(name);
                for (int i = 0; i < e.length; i++) {
                    assertEquals(e[i], a[i], 1e-4 * Math.abs(e[i]) + 1e-6, name + "[" + i + "]");
                }
            }
            // and the input matters: reading the targets themselves gives another loss
            double generate = engine.losses(b.x(), b.prev(), b.eps(), batch, b.beta()).loss();
            assertTrue(Math.abs(generate - loss) > 1e-3, "the encoder input must change the loss: " + loss + " vs " + generate);
        }
    }

    @Test
    void aHumanizeRunSavesAHumanizeModelWhoseCardSaysSo() throws Exception {
        Path out = tmp.resolve("humanize.bbm");
        new Trainer(TrainerTest.tinyOptions(TrainerTest.TINY.withTask(Task.HUMANIZE), 3), TrainerTest.tinyData(), out,
            TrainingListener.NONE).run(null, false);
        StoredModel m = ModelFile.load(out);
        assertEquals(Task.HUMANIZE, m.config().task());
        assertEquals("humanize", m.card().training().get("task"));
        assertTrue(m.card().description().contains("humanize"), m.card().description());
    }

    /** How the shipped task models are made: the generate model fine-tuned with a new encoder input. */
    @Test
    void initFromAGenerateModelWithATaskFineTunesIntoThatTaskAndAResumeCannotChangeIt() throws Exception {
        Path data = TestData.folder(tmp.resolve("data"), 12);
        Path initFile = tmp.resolve("default.bbm");
        ModelConfig generate = TrainerTest.TINY;
        ModelFile.save(initFile, new StoredModel(generate, ModelInitializer.random(generate, 1),
            ModelCard.named("default", "generate"), List.of()));
        Path out = tmp.resolve("humanize.bbm");
        TrainingJob.Plan plan = TrainingJob.Plan.of(data, out).withPreset(Preset.QUICK).withInitFrom(initFile)
            .withTask(Task.HUMANIZE).withLearningRate(1e-3).withSteps(2).withValidateEvery(1);
        TrainingJob job = TrainingJob.prepare(plan, ProgressListener.NONE);
        assertEquals(Task.HUMANIZE, job.config().task());
        assertEquals(1e-3, job.options().learningRate());
        job.run(TrainingListener.NONE);
        StoredModel tuned = ModelFile.load(out);
        assertEquals(Task.HUMANIZE, tuned.config().task());
        assertEquals(generate.withTask(Task.HUMANIZE).withRegression(Regression.AT_HITS), tuned.config(),
            "same shape, new task, its heads fitted where humanize uses them");
        assertTrue(TrainerTest.maxDiff(ModelInitializer.random(generate, 1), tuned.weights()) > 0, "it trained");

        // without --task a fine-tune keeps the init model's task
        TrainingJob again = TrainingJob.prepare(TrainingJob.Plan.of(data, tmp.resolve("more.bbm")).withPreset(Preset.QUICK)
            .withInitFrom(out), ProgressListener.NONE);
        assertEquals(Task.HUMANIZE, again.config().task());
        assertEquals(Regression.AT_HITS, again.config().regression());
        TrainingJob generateAgain = TrainingJob.prepare(TrainingJob.Plan.of(data, tmp.resolve("gen.bbm"))
            .withPreset(Preset.QUICK).withInitFrom(initFile), ProgressListener.NONE);
        assertEquals(Regression.ALL_STEPS, generateAgain.config().regression(), "generate models stay GrooVAE's");

        TrainingException e = assertThrows(TrainingException.class, () -> TrainingJob.prepare(
            plan.withResume(true).withTask(Task.DRUMIFY), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("trains a humanize model, not drumify"), e.getMessage());
    }
}
