package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.backbeat.TestData;
import org.backbeat.data.WindowTensors;
import org.backbeat.groove.Groove;
import org.backbeat.midi.MidiFiles;
import org.backbeat.midi.MidiReadException;
import org.backbeat.midi.ReadOptions;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelInitializer;
import org.backbeat.model.ModelWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two engines train alike: the same loss curve over 100 steps, and a checkpoint of one resumes in the other. */
class EngineAgreementTest {

    @TempDir
    Path tmp;

    /**
     * The smallest model with every part of a step (both encoder directions, the decoder's
     * initial state and conditioning, one layer): SameDiff's cost is per op, not per unit.
     */
    static final ModelConfig ONE_LAYER = new ModelConfig(16, 8, org.backbeat.model.DecoderType.FLAT, List.of(12), 0,
        org.backbeat.groove.DrumMapping.ROLAND);

    /** Real GMD windows where ../shared is present, else synthetic ones (said on the console). */
    static List<Groove> windows() throws IOException {
        Path gmd = TestData.shared().resolve("data/groove/drummer1");
        List<Groove> out = new ArrayList<>();
        if (Files.isDirectory(gmd)) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(gmd)) {
                files = s.filter(p -> p.toString().endsWith(".mid")).sorted().limit(12).toList();
            }
            for (Path f : files) {
                try {
                    out.addAll(MidiFiles.readGrooves(f, ReadOptions.training()));
                } catch (MidiReadException e) {
                    // not 4/4 or too short: GMD has a few; the others are enough
                }
            }
        }
        if (out.size() < 16) {
            System.out.println("EngineAgreementTest: " + gmd + " absent, synthetic windows instead of GMD's");
            out.clear();
            for (int i = 0; i < 64; i++) {
                out.add(TestData.busyGroove(i));
            }
        }
        return out;
    }

    @Test
    void hundredStepsOfEachEngineGiveTheSameLossCurve() throws IOException {
        ModelConfig c = ONE_LAYER;
        List<Groove> w = windows();
        ModelWeights init = ModelInitializer.random(c, 3);
        Trainer.DecaySchedule lr = new Trainer.DecaySchedule(1e-3, 1e-5, 0.9999);
        int batch = 8;
        double worst = 0;
        try (TrainingEngine sd = TrainingEngine.create(Engine.SAMEDIFF, c, init, lr, 1);
             TrainingEngine bp = TrainingEngine.create(Engine.BACKPROP, c, init, lr, 2)) {
            double first = Double.NaN;
            double last = Double.NaN;
            for (int step = 0; step < 100; step++) {
                TrainingEngine.Batch b = batch(w, step, batch, c.zSize());
                double a = sd.losses(b).loss();
                double l = bp.losses(b).loss();
                worst = Math.max(worst, Math.abs(a - l) / Math.abs(a));
                assertTrue(Math.abs(a - l) <= 1e-3 * Math.abs(a), "step " + step + ": samediff " + a + ", backprop " + l);
                sd.step(b, step);
                bp.step(b, step);
                if (step == 0) {
                    first = a;
                }
                last = a;
            }
            System.out.printf("100 steps: loss %.3f -> %.3f, engines differ by at most %.2e relative%n", first, last,
                worst);
            assertTrue(last < first, "the runs must actually train: " + first + " -> " + last);
        }
    }

    /** A batch as the trainer makes one: dropout on the teacher-forced input, Gaussian noise. */
    static TrainingEngine.Batch batch(List<Groove> w, int step, int batch, int z) {
        float[] x = new float[batch * WindowTensors.WINDOW_FLOATS];
        for (int i = 0; i < batch; i++) {
            w.get((step * batch + i) % w.size()).toTensor(x, i * WindowTensors.WINDOW_FLOATS);
        }
        BackpropEngineTest.Batch b = BackpropEngineTest.Batch.teacherForced(x, batch, z, new SplittableRandom(step));
        return new TrainingEngine.Batch(b.x(), b.prev(), b.eps(), b.size(), b.beta());
    }

    @Test
    void aCheckpointOfOneEngineResumesInTheOther() throws Exception {
        ModelConfig c = BackpropEngineTest.TINY_HIER;
        List<Groove> w = windows();
        TrainingData data = new TrainingData(WindowTensors.of(w.subList(0, w.size() - 4)),
            WindowTensors.of(w.subList(w.size() - 4, w.size())), Map.of("data", "test windows"));
        TrainingOptions three = TrainerTest.tinyOptions(c, 3).withWeightAverage(0.9);
        TrainingOptions six = TrainerTest.tinyOptions(c, 6).withWeightAverage(0.9);
        // the straight run on the hand-derived engine: SameDiff's first 3 steps equal its to ~1e-7
        Trainer.Result straight = new Trainer(six, data, tmp.resolve("straight.bbm"), TrainingListener.NONE,
            Engine.BACKPROP).run(null, false);
        Path split = tmp.resolve("split.bbm");
        new Trainer(three, data, split, TrainingListener.NONE, Engine.SAMEDIFF).run(null, false);
        Trainer.Result resumed = new Trainer(six, data, split, TrainingListener.NONE, Engine.BACKPROP).run(null, true);
        assertEquals(6, resumed.steps());
        ModelWeights a = Checkpoint.load(straight.checkpoint()).weights();
        ModelWeights b = Checkpoint.load(resumed.checkpoint()).weights();
        double d = TrainerTest.maxDiff(a, b);
        System.out.printf("backprop 6 steps vs samediff 3 + backprop 3: max weight difference %.2e, validation %.5f vs %.5f%n",
            d, straight.bestValidationLoss(), resumed.bestValidationLoss());
        assertTrue(d < 1e-4, "weights differ by " + d);
        assertEquals(straight.bestValidationLoss(), resumed.bestValidationLoss(), 1e-4 * straight.bestValidationLoss());
    }
}
