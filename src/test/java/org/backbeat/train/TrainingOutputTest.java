package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.backbeat.TestData;
import org.backbeat.data.ProgressListener;
import org.backbeat.io.OutputLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training never replaces an earlier run's model without being asked, nor runs beside another onto it. */
class TrainingOutputTest {

    @TempDir
    Path tmp;

    @Test
    void anExistingModelOrCheckpointStopsANewRunBeforeItReadsTheData() throws Exception {
        Path out = tmp.resolve("k.bbm");
        byte[] model = {1, 2, 3};
        Files.write(out, model);
        // the data folder does not exist: the refusal comes first
        TrainingJob.Plan plan = TrainingJob.Plan.of(tmp.resolve("no-such-data"), out);
        TrainingException e = assertThrows(TrainingException.class, () -> TrainingJob.prepare(plan, ProgressListener.NONE));
        assertTrue(e.getMessage().contains(out + " already exists"), e.getMessage());
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        assertArrayEquals(model, Files.readAllBytes(out));

        Files.delete(out);
        Files.write(Trainer.checkpointPath(out), model); // only a checkpoint (killed before the first save)
        e = assertThrows(TrainingException.class, () -> TrainingJob.prepare(plan, ProgressListener.NONE));
        assertTrue(e.getMessage().contains(Trainer.checkpointPath(out) + " already exists"), e.getMessage());

        // asked: it goes on (and fails on the missing data instead)
        e = assertThrows(TrainingException.class,
            () -> TrainingJob.prepare(plan.withOverwrite(true), ProgressListener.NONE));
        assertTrue(e.getMessage().startsWith("cannot read"), e.getMessage());
    }

    /**
     * A folder whose only valid file fell in the held-out share refused to train ("no 4-bar 4/4 drum
     * windows to train on", though its windows were read): it trains on all of it, validation off.
     */
    @Test
    void tooLittleDataForAHeldOutShareTrainsOnAllOfItWithValidationOff() throws Exception {
        Path data = TestData.folder(tmp.resolve("tiny"), 1); // one good file and a broken one: both held out
        TrainingJob job = TrainingJob.prepare(TrainingJob.Plan.of(data, tmp.resolve("t.bbm")).withPreset(Preset.QUICK)
            .withValidationShare(0.9), ProgressListener.NONE);
        assertTrue(job.report().windows().get(org.backbeat.data.Split.TRAIN) > 0, job.report().toString());
        assertEquals(0, (int) job.report().windows().getOrDefault(org.backbeat.data.Split.VALIDATION, 0));
        assertTrue(job.notice().contains("validation is off"), job.notice());
        assertEquals("", TrainingJob.prepare(TrainingJob.Plan.of(TestData.folder(tmp.resolve("more"), 12),
            tmp.resolve("m.bbm")).withPreset(Preset.QUICK), ProgressListener.NONE).notice());
    }

    @Test
    void aRunOntoAnOutputAnotherRunIsWritingStopsAtOnceNamingIt() throws Exception {
        Path data = TestData.folder(tmp.resolve("data"), 6);
        Path out = tmp.resolve("k.bbm");
        TrainingJob job = TrainingJob.prepare(TrainingJob.Plan.of(data, out).withPreset(Preset.QUICK).withSteps(1L)
            .withValidationShare(0), ProgressListener.NONE);
        try (OutputLock other = OutputLock.acquire(out, "backbeat train (the first)")) {
            TrainingException e = assertThrows(TrainingException.class, () -> job.run(TrainingListener.NONE));
            assertTrue(e.getMessage().contains("being written by another run (backbeat train (the first)"),
                e.getMessage());
            // and before any data is read: the data folder here does not exist
            TrainingException early = assertThrows(TrainingException.class, () -> TrainingJob.prepare(
                TrainingJob.Plan.of(tmp.resolve("no-such-data"), out), ProgressListener.NONE));
            assertTrue(early.getMessage().contains("being written by another run"), early.getMessage());
        }
        assertTrue(Files.notExists(out) && Files.notExists(Trainer.checkpointPath(out)));
    }
}
