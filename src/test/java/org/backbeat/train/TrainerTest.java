package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.backbeat.TestData;
import org.backbeat.data.Dataset;
import org.backbeat.data.DatasetOptions;
import org.backbeat.data.ProgressListener;
import org.backbeat.data.Split;
import org.backbeat.data.WindowTensors;
import org.backbeat.groove.DrumMapping;
import org.backbeat.groove.Groove;
import org.backbeat.io.AtomicFiles;
import org.backbeat.midi.ReadOptions;
import org.backbeat.model.DecoderType;
import org.backbeat.model.ModelCard;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelFile;
import org.backbeat.model.ModelInitializer;
import org.backbeat.model.ModelWeights;
import org.backbeat.model.StoredModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop on a tiny model: resume, cancel, fine-tune and failing writes. */
class TrainerTest {

    static final ModelConfig TINY = new ModelConfig(16, 8, DecoderType.FLAT, List.of(16), 0, DrumMapping.ROLAND);
    static final ModelConfig TINY_HIER = new ModelConfig(16, 8, DecoderType.HIERARCHICAL, List.of(16), 8,
        DrumMapping.ROLAND);

    @TempDir
    Path tmp;

    /** 24 training windows (3 steps an epoch at batch 8) and 4 validation windows. */
    static TrainingData tinyData() {
        List<Groove> train = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            train.add(TestData.busyGroove(i));
        }
        List<Groove> valid = new ArrayList<>();
        for (int i = 100; i < 104; i++) {
            valid.add(TestData.busyGroove(i));
        }
        return new TrainingData(WindowTensors.of(train), WindowTensors.of(valid), Map.of("data", "test grooves"));
    }

    /**
     * Dropout on, beta warming up, decaying lr: every per-step quantity is exercised by a resume.
     * A step of even a tiny model costs ~0.5-2 s (the graph is thousands of small ops, unrolled over
     * 64 steps) plus ~4 s to build the gradient graph per run, so the tests keep runs short.
     */
    static TrainingOptions tinyOptions(ModelConfig model, long steps) {
        return TrainingOptions.builder(model).batchSize(8).steps(steps).learningRate(1e-2, 1e-4, 0.99).dropoutKeep(0.7)
            .maxBeta(0.2).betaWarmup(4).seed(7).validateEvery(3).checkpointEvery(100).build();
    }

    /** With the weight average on: it is part of the state a resume must restore exactly. */
    @Test
    void resumeAfterInterruptionGivesTheSameWeightsAsAStraightRun() throws Exception {
        ModelConfig model = TINY;
        TrainingData data = tinyData();
        Path straight = tmp.resolve("straight/model.bbm");
        Trainer.Result a = new Trainer(tinyOptions(model, 6).withWeightAverage(0.9), data, straight,
            TrainingListener.NONE).run(null, false);
        assertEquals(6, a.steps());

        Path split = tmp.resolve("split/model.bbm");
        Trainer.Result first = new Trainer(tinyOptions(model, 3).withWeightAverage(0.9), data, split,
            TrainingListener.NONE).run(null, false);
        assertEquals(3, first.steps());
        assertEquals(3, Checkpoint.load(Trainer.checkpointPath(split)).step());
        Trainer.Result b = new Trainer(tinyOptions(model, 6).withWeightAverage(0.9), data, split,
            TrainingListener.NONE).run(null, true);
        assertEquals(6, b.steps());

        Checkpoint ca = Checkpoint.load(Trainer.checkpointPath(straight));
        Checkpoint cb = Checkpoint.load(Trainer.checkpointPath(split));
        assertEquals(6, cb.step());
        double w = maxDiff(ca.weights(), cb.weights());
        double m = maxDiff(ca.adamM(), cb.adamM());
        double v = maxDiff(ca.adamV(), cb.adamV());
        System.out.println(model.decoder() + " resume: max |weight diff| " + w + ", adam m " + m + ", adam v " + v);
        assertTrue(w <= 1e-6, "weights differ by " + w);
        assertTrue(m <= 1e-6, "Adam m differs by " + m);
        assertTrue(v <= 1e-6, "Adam v differs by " + v);
        double avg = maxDiff(ca.average(), cb.average());
        assertTrue(avg <= 1e-6, "the weight average differs by " + avg);
        assertTrue(maxDiff(ca.average(), ca.weights()) > 1e-5, "the average is just the weights");
        assertTrue(maxDiff(ca.weights(), ModelInitializer.random(model, 7)) > 1e-4, "training changed nothing");
        assertEquals(a.bestValidationLoss(), b.bestValidationLoss(), 1e-4);
    }

    /**
     * A resume continues the checkpoint's run, not the preset's: resuming a no-dropout run with the
     * preset's dropout 0.3 once changed the objective of the shipped model's training mid-run.
     */
    @Test
    void aResumeTakesBatchScheduleAndDropoutFromTheCheckpointUnlessGivenAgain() throws Exception {
        Path data = TestData.folder(tmp.resolve("data"), 12);
        Path out = tmp.resolve("run/model.bbm");
        Files.createDirectories(out.getParent());
        ModelWeights w = ModelInitializer.random(TINY_HIER, 1);
        TrainingOptions.Recipe recipe = tinyOptions(TINY_HIER, 6).withDropoutKeep(1.0)
            .withAugmentation(Augmentation.DEFAULT).recipe();
        new Checkpoint(TINY_HIER, w, w, w, 5, 99.0, 3, 60, recipe).save(Trainer.checkpointPath(out));
        assertEquals(recipe, Checkpoint.load(Trainer.checkpointPath(out)).recipe());

        TrainingJob.Plan plan = TrainingJob.Plan.of(data, out).withPreset(Preset.STANDARD).withResume(true);
        TrainingOptions resumed = TrainingJob.prepare(plan, ProgressListener.NONE).options();
        assertEquals(recipe, resumed.recipe());
        assertEquals(TINY_HIER, resumed.model(), "the checkpoint's model, not the preset's size");
        assertEquals(TrainingOptions.preset("standard", DecoderType.FLAT).validateEverySteps(),
            resumed.validateEverySteps(), "the run's own settings still come from this run");

        TrainingOptions overridden = TrainingJob.prepare(plan.withDropoutKeep(0.5).withLearningRate(1.5e-4)
            .withWeightAverage(0.99), ProgressListener.NONE).options();
        assertEquals(0.5, overridden.dropoutKeep());
        assertEquals(1.5e-4, overridden.learningRate(), "a run can be cooled down on resume");
        assertEquals(0.99, overridden.weightAverageDecay());
        assertEquals(recipe.batchSize(), overridden.batchSize());
        assertEquals(recipe.decayRate(), overridden.decayRate());
        TrainingException bad = assertThrows(TrainingException.class,
            () -> TrainingJob.prepare(plan.withLearningRate(-1.0), ProgressListener.NONE));
        assertTrue(bad.getMessage().contains("learning rate"), bad.getMessage());

        // A checkpoint from before recipes were kept resumes with the preset's, as it always did.
        new Checkpoint(TINY_HIER, w, w, w, 5, 99.0, 3, 60, null).save(Trainer.checkpointPath(out));
        TrainingOptions old = TrainingJob.prepare(plan, ProgressListener.NONE).options();
        assertEquals(TrainingOptions.preset("standard", DecoderType.FLAT).recipe(), old.recipe());
    }

    /**
     * Fine-tuning keeps what the init model learnt: a small learning rate, the KL weight at its
     * maximum from step 0 (no warm-up from 0 that lets the posterior drift from the prior) and the
     * model's own dropout.
     */
    @Test
    void fineTuningStartsAtFullBetaWithASmallLearningRateAndTheInitModelsDropout() throws Exception {
        Path data = TestData.folder(tmp.resolve("data"), 12);
        Path initFile = tmp.resolve("init.bbm");
        ModelCard card = new ModelCard("init", "trained without dropout",
            Map.of("hyperParameters", Map.of("dropoutKeep", 1.0, "maxBeta", 0.2)), Map.of());
        ModelFile.save(initFile, new StoredModel(TINY_HIER, ModelInitializer.random(TINY_HIER, 1), card, List.of()));
        TrainingJob.Plan plan = TrainingJob.Plan.of(data, tmp.resolve("tuned.bbm")).withPreset(Preset.QUICK)
            .withInitFrom(initFile);
        TrainingOptions preset = TrainingOptions.preset("quick", DecoderType.FLAT);
        assertTrue(preset.betaAt(0) < preset.maxBeta() && preset.dropoutKeep() < 1, "the preset warms up, with dropout");

        TrainingOptions tuned = TrainingJob.prepare(plan, ProgressListener.NONE).options();
        assertEquals(tuned.maxBeta(), tuned.betaAt(0));
        assertEquals(1.0, tuned.dropoutKeep());
        assertEquals(TrainingJob.FINE_TUNING_LEARNING_RATE, tuned.learningRate());
        assertTrue(tuned.learningRate() < preset.learningRate() / 10);
        assertTrue(tuned.minLearningRate() <= tuned.learningRate());
        TrainingOptions given = TrainingJob.prepare(plan.withDropoutKeep(0.5).withLearningRate(2e-4),
            ProgressListener.NONE).options();
        assertEquals(0.5, given.dropoutKeep(), "--dropout-keep still wins");
        assertEquals(2e-4, given.learningRate(), "--learning-rate still wins");

        // a model whose card does not say (e.g. imported from Magenta): the preset's dropout, still no warm-up
        ModelFile.save(initFile, new StoredModel(TINY_HIER, ModelInitializer.random(TINY_HIER, 1),
            ModelCard.named("init", "no training record"), List.of()));
        TrainingOptions plain = TrainingJob.prepare(plan, ProgressListener.NONE).options();
        assertEquals(preset.dropoutKeep(), plain.dropoutKeep());
        assertEquals(plain.maxBeta(), plain.betaAt(0));
    }

    @Test
    void cancelFromTheListenerStopsAfterTheCurrentStepAndLeavesReadableFiles() throws Exception {
        Path out = tmp.resolve("cancel/model.bbm");
        AtomicReference<Trainer> ref = new AtomicReference<>();
        List<TrainingProgress> events = new ArrayList<>();
        Trainer trainer = new Trainer(tinyOptions(TINY, 1000), tinyData(), out, p -> {
            events.add(p);
            if (p.step() == 2 && p.message().isEmpty()) {
                ref.get().cancel();
            }
        });
        ref.set(trainer);
        Trainer.Result r = trainer.run(null, false);
        assertTrue(r.cancelled());
        assertEquals(2, r.steps());
        assertTrue(events.get(events.size() - 1).message().startsWith("cancelled"));
        // 2 of 1000 steps: the progress says so (not "100 %", as a time-only budget once did)
        TrainingProgress atTwo = events.stream().filter(e -> e.step() == 2 && e.message().isEmpty()).findFirst().orElseThrow();
        assertEquals(1000, atTwo.totalSteps());
        assertEquals(0.002, atTwo.fractionDone(), 1e-9);
        Checkpoint c = Checkpoint.load(r.checkpoint());
        assertEquals(2, c.step());
        assertEquals(TINY, c.config());
        StoredModel m = ModelFile.load(r.model());
        assertEquals(TINY, m.config());
        assertEquals(2L, ((Number) m.card().training().get("steps")).longValue());
    }

    @Test
    void fineTuningKeepsTheInitModelsConfigAndChangesItsWeights() throws Exception {
        Path folder = TestData.folder(Files.createDirectories(tmp.resolve("midi")), 12);
        Dataset ds = Dataset.open(folder, DatasetOptions.defaults()
            .withRead(ReadOptions.training().withMapping(DrumMapping.ROLAND)).withValidationShare(0.25),
            ProgressListener.NONE, false);
        assertTrue(ds.tensors(Split.TRAIN).count() > 0);
        TrainingData data = new TrainingData(ds.tensors(Split.TRAIN), ds.tensors(Split.VALIDATION), Map.of());

        ModelWeights initWeights = ModelInitializer.random(TINY_HIER, 3);
        StoredModel init = new StoredModel(TINY_HIER, initWeights, ModelCard.named("init", "a tiny test model"),
            List.of());
        Path initFile = tmp.resolve("init.bbm");
        ModelFile.save(initFile, init);

        // the options ask for the default flat model: the init model's (hierarchical) config must win
        TrainingOptions opts = tinyOptions(TrainingOptions.defaultModel(DecoderType.FLAT), 3);
        Path out = tmp.resolve("tuned/model.bbm");
        Trainer.Result r = new Trainer(opts, data, out, TrainingListener.NONE).run(ModelFile.load(initFile), false);
        assertEquals(3, r.steps());
        StoredModel tuned = ModelFile.load(out);
        assertEquals(TINY_HIER, tuned.config());
        assertEquals(initWeights.names(), tuned.weights().names());
        double d = maxDiff(initWeights, Checkpoint.load(r.checkpoint()).weights());
        assertTrue(d > 1e-4, "fine-tuning changed the weights by only " + d);
        assertTrue(Double.isFinite(r.bestValidationLoss()));
    }

    /** The saved model is the weight average (what was validated), not the last step's weights. */
    @Test
    void theSavedModelIsTheWeightAverageWhereThereIsOne() throws Exception {
        TrainingData data = tinyData();
        Path out = tmp.resolve("avg/model.bbm");
        Trainer.Result r = new Trainer(tinyOptions(TINY, 4).withWeightAverage(0.5), data, out,
            TrainingListener.NONE).run(null, false);
        Checkpoint c = Checkpoint.load(r.checkpoint());
        StoredModel saved = ModelFile.load(out);
        assertTrue(maxDiff(saved.weights(), c.weights()) > 1e-5, "the saved model is the last step's weights");
        assertEquals(0.5, ((Number) ((Map<?, ?>) saved.card().training().get("hyperParameters"))
            .get("weightAverageDecay")).doubleValue());

        // without validation windows the model is saved at the end: exactly the average
        TrainingData noValidation = new TrainingData(data.train(), WindowTensors.of(List.of()), Map.of());
        Path out2 = tmp.resolve("avg2/model.bbm");
        Trainer.Result r2 = new Trainer(tinyOptions(TINY, 3).withWeightAverage(0.5), noValidation, out2,
            TrainingListener.NONE).run(null, false);
        Checkpoint c2 = Checkpoint.load(r2.checkpoint());
        assertTrue(maxDiff(ModelFile.load(out2).weights(), c2.average()) <= 1e-7);
        assertTrue(maxDiff(c2.average(), c2.weights()) > 1e-5);
    }

    @Test
    void anUnwritableOutputFolderFailsUpFrontNamingTheFolder() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        Path out = file.resolve("models/model.bbm");
        TrainingException e = assertThrows(TrainingException.class,
            () -> new Trainer(tinyOptions(TINY, 2), tinyData(), out, TrainingListener.NONE).run(null, false));
        assertTrue(e.getMessage().contains(out.getParent().toString()), e.getMessage());
    }

    @Test
    void aFailingCheckpointWriteStopsTheRunAndLeavesThePreviousCheckpointIntact() throws Exception {
        Path out = tmp.resolve("ckpt/model.bbm");
        TrainingData data = tinyData();
        new Trainer(tinyOptions(TINY, 1), data, out, TrainingListener.NONE).run(null, false);
        Path ckpt = Trainer.checkpointPath(out);
        byte[] before = Files.readAllBytes(ckpt);

        Trainer failing = new Trainer(tinyOptions(TINY, 2), data, out, TrainingListener.NONE);
        // as root a read-only folder is still writable: fail inside the atomic write instead, half-way through
        failing.setCheckpointWriter((c, file) -> AtomicFiles.write(file, stream -> {
            stream.write(new byte[1000]);
            throw new IOException("No space left on device (simulated)");
        }));
        TrainingException e = assertThrows(TrainingException.class, () -> failing.run(null, true));
        assertTrue(e.getMessage().contains(ckpt.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertTrue(e.getMessage().contains("intact"), e.getMessage());

        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(ckpt)), "the previous checkpoint changed");
        assertEquals(1, Checkpoint.load(ckpt).step());
        try (Stream<Path> files = Files.list(ckpt.getParent())) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("model.bbm", "model.bbm.ckpt"), names, "temporary files left behind");
        }
        ModelFile.load(out);
    }

    /**
     * kill -9 after a best-model save and before the next checkpoint: the model on disk is better
     * than the checkpoint knows. The resumed run must not replace it with a worse one, and its
     * checkpoint then carries the model's figure.
     */
    @Test
    void aResumeNeverReplacesABetterSavedModelThanTheCheckpointKnows() throws Exception {
        Path out = tmp.resolve("killed/model.bbm");
        TrainingData data = tinyData();
        new Trainer(tinyOptions(TINY, 3), data, out, TrainingListener.NONE).run(null, false);
        Path ckptFile = Trainer.checkpointPath(out);
        Checkpoint c = Checkpoint.load(ckptFile);
        // the checkpoint as an older one, which any validation beats ...
        new Checkpoint(c.config(), c.weights(), c.adamM(), c.adamV(), c.step(), 1e9, c.seed(), c.trainingSeconds(),
            c.recipe(), c.average()).save(ckptFile);
        // ... and a saved model whose own record no validation of this run can beat
        StoredModel saved = ModelFile.load(out);
        Map<String, Object> training = new java.util.LinkedHashMap<>(saved.card().training());
        training.put("bestValidationLoss", -1000.0);
        ModelFile.save(out, new StoredModel(saved.config(), saved.weights(), new ModelCard(saved.card().name(),
            saved.card().description(), training, saved.card().metrics()), saved.directions()));
        byte[] before = Files.readAllBytes(out);

        Trainer.Result r = new Trainer(tinyOptions(TINY, 6), data, out, TrainingListener.NONE).run(null, true);
        assertEquals(6, r.steps());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(out)), "the better saved model was replaced");
        assertEquals(-1000.0, r.bestValidationLoss());
        assertEquals(-1000.0, Checkpoint.load(ckptFile).bestValidationLoss(), "checkpoint and model disagree on best");
    }

    /** A full disk at the first checkpoint once claimed "the previous checkpoint is intact": there was none. */
    @Test
    void aFailingFirstCheckpointSaysThereWasNoEarlierOne() throws Exception {
        Path out = tmp.resolve("first/model.bbm");
        Trainer failing = new Trainer(tinyOptions(TINY, 1), tinyData(), out, TrainingListener.NONE);
        failing.setCheckpointWriter((c, file) -> AtomicFiles.write(file, stream -> {
            throw new IOException("No space left on device (simulated)");
        }));
        TrainingException e = assertThrows(TrainingException.class, () -> failing.run(null, false));
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertTrue(e.getMessage().contains("there was no earlier checkpoint"), e.getMessage());
        assertTrue(!e.getMessage().contains("intact"), e.getMessage());
        assertTrue(Files.notExists(Trainer.checkpointPath(out)));
    }

    @Test
    void etaIsWhicheverBudgetRunsOutFirst() {
        // 10 steps in 20 s: 2 s a step
        assertEquals(180, Trainer.eta(100, 0, 10, 10, 20), 1e-9);          // steps only: 90 steps left
        assertEquals(40, Trainer.eta(0, 1, 10, 10, 20), 1e-9);             // time only: 60 - 20 s
        assertEquals(40, Trainer.eta(100, 1, 10, 10, 20), 1e-9);           // both: the time runs out first
        assertEquals(10, Trainer.eta(15, 10, 10, 10, 20), 1e-9);           // both: the steps run out first
        assertEquals(100, Trainer.eta(100, 60, 50, 10, 20), 1e-9);         // a resumed run: 50 steps left at this run's pace
        assertTrue(Double.isNaN(Trainer.eta(0, 0, 10, 10, 20)));
        assertEquals(0, Trainer.eta(100, 0.1, 10, 10, 20), 1e-9);          // over time: not negative
    }

    static double maxDiff(ModelWeights a, ModelWeights b) {
        assertEquals(a.names(), b.names());
        double max = 0;
        for (String n : a.names()) {
            float[] x = a.get(n).data();
            float[] y = b.get(n).data();
            assertEquals(x.length, y.length, n);
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
        }
        return max;
    }
}
