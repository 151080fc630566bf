package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.backbeat.TestData;
import org.backbeat.data.ProgressListener;
import org.backbeat.model.ModelCard;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelFile;
import org.backbeat.model.ModelInitializer;
import org.backbeat.model.StoredModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A resume reads the same files the same way: the run's held-out share, not the one asked for now. */
class ResumeSettingsTest {

    @TempDir
    Path tmp;

    @Test
    void aResumeKeepsTheRunsValidationShareAndSaysSoWhenAnotherWasAsked() throws Exception {
        Path data = TestData.folder(tmp.resolve("data"), 12);
        Path init = tmp.resolve("start.bbm");
        ModelConfig c = TrainerTest.TINY;
        ModelFile.save(init, new StoredModel(c, ModelInitializer.random(c, 1), ModelCard.named("start", "tiny"), List.of()));
        Path out = tmp.resolve("run.bbm");
        TrainingJob.Plan first = TrainingJob.Plan.of(data, out).withPreset(Preset.QUICK).withInitFrom(init)
            .withSteps(2).withValidateEvery(1).withValidationShare(0.25);
        TrainingJob run = TrainingJob.prepare(first, ProgressListener.NONE);
        assertEquals("", run.notice());
        int held = run.report().windows().get(org.backbeat.data.Split.VALIDATION);
        run.run(TrainingListener.NONE);
        assertEquals(0.25, ModelFile.loadCard(out).provenance().validationShare());

        TrainingJob same = TrainingJob.prepare(TrainingJob.Plan.of(data, out).withResume(true).withValidationShare(0.25)
            .withSteps(3), ProgressListener.NONE);
        assertEquals("", same.notice(), "the same share: nothing to say");

        TrainingJob resumed = TrainingJob.prepare(TrainingJob.Plan.of(data, out).withResume(true).withSteps(3),
            ProgressListener.NONE); // the default share, 0.1, would hold out other files
        assertEquals("resuming with the run's validation share 0.25, not 0.1, so the files it held out stay held out",
            resumed.notice());
        assertEquals(held, (int) resumed.report().windows().get(org.backbeat.data.Split.VALIDATION), "the same held-out windows");
        resumed.run(TrainingListener.NONE);
        assertEquals(0.25, ModelFile.loadCard(out).provenance().validationShare());
        assertTrue(ModelFile.loadCard(out).provenance().steps() >= 3);
    }
}
