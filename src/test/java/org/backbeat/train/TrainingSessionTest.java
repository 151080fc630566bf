package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import org.backbeat.TestData;
import org.backbeat.midi.MidiFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training wizard's logic without JavaFX. */
class TrainingSessionTest {

    @TempDir
    Path tmp;

    private static final long S = 1_000_000_000L;

    @Test
    void theSpeedRangeLeavesTheWarmUpOutAndSpansTheTimedStretches() {
        // a cold first step of 3 s and two slow warm-up steps, then 0.6 s and 0.7 s a step
        TreeMap<Long, Long> at = new TreeMap<>();
        at.put(1L, 3 * S);
        at.put(2L, 5 * S);
        at.put(3L, 6 * S);
        at.put(10L, 6 * S + 7 * 600_000_000L);
        at.put(20L, 6 * S + 7 * 600_000_000L + 10 * 700_000_000L);
        TrainingSession.Speed s = TrainingSession.Speed.of(at, 0, TrainingSession.WARMUP_STEPS);
        assertEquals(0.6, s.low(), 1e-9);
        assertEquals(0.7, s.high(), 1e-9);
        assertEquals(3.0, s.firstStep(), 1e-9);
        // 300 steps: the first step once, then 299 at either end of the range
        assertEquals(3 + 299 * 0.6, s.lowSeconds(300), 1e-6);
        assertEquals(3 + 299 * 0.7, s.highSeconds(300), 1e-6);
        // without two timestamps after the warm-up there is nothing to time
        TreeMap<Long, Long> few = new TreeMap<>();
        few.put(1L, S);
        few.put(2L, 2 * S);
        few.put(3L, 3 * S);
        assertThrows(IllegalArgumentException.class, () -> TrainingSession.Speed.of(few, 0, 3));
    }

    @Test
    void checkpointsAreFoundByTheirSuffixAndNameTheirModel() throws Exception {
        Files.writeString(tmp.resolve("b.bbm.ckpt"), "x");
        Files.writeString(tmp.resolve("a.bbm.ckpt"), "x");
        Files.writeString(tmp.resolve("a.bbm"), "x");
        Files.writeString(tmp.resolve("notes.ckpt"), "x");
        Files.createDirectories(tmp.resolve("folder.bbm.ckpt"));
        assertEquals(List.of(tmp.resolve("a.bbm.ckpt"), tmp.resolve("b.bbm.ckpt")), TrainingSession.checkpointsIn(tmp));
        assertEquals(List.of(), TrainingSession.checkpointsIn(tmp.resolve("missing")));
        assertEquals(tmp.resolve("a.bbm"), TrainingSession.modelOf(tmp.resolve("a.bbm.ckpt")));
        assertTrue(TrainingSession.dataFolderOf(tmp.resolve("a.bbm")).isEmpty(), "not a model: no folder");
        assertEquals(tmp.resolve("a-2.bbm"), TrainingSession.freeModelName(tmp, "a"));
        assertEquals(tmp.resolve("c.bbm"), TrainingSession.freeModelName(tmp, "c"));
    }

    @Test
    void aChangedSettingIsANewRunTheOutputNameAloneIsNot() {
        TrainingJob.Plan done = TrainingJob.Plan.of(Path.of("in"), Path.of("m.bbm")).withSteps(300);
        assertTrue(TrainingSession.sameRun(done.withOut(Path.of("m-2.bbm")), done));
        assertTrue(TrainingSession.sameRun(done.withOverwrite(true), done));
        assertFalse(TrainingSession.sameRun(done.withSteps(400), done));
        assertFalse(TrainingSession.sameRun(done.withPreset(Preset.QUICK), done));
        assertFalse(TrainingSession.sameRun(done.withOtherDrumChannel(true), done));
        assertFalse(TrainingSession.sameRun(done, null));
    }

    @Test
    void trainMoreResumesTheFinishedRunBeyondWhereItEnded() {
        TrainingJob.Plan done = TrainingJob.Plan.of(Path.of("in"), Path.of("m-2.bbm")).withSteps(300)
            .withInitFrom(Path.of("start.bbm")).withOverwrite(true).withOtherDrumChannel(true);
        Trainer.Result r = new Trainer.Result(Path.of("m-2.bbm"), Path.of("m-2.bbm.ckpt"), 300, 100, 60, false);
        TrainingJob.Plan more = TrainingSession.continued(done, r, 300);
        assertTrue(more.resume());
        assertFalse(more.overwrite(), "a continuation never replaces the run it continues");
        assertEquals(600L, more.budget().steps());
        assertEquals(Path.of("m-2.bbm"), more.out());
        assertTrue(more.otherDrumChannel());
        // a stopped run continues from where it stopped
        Trainer.Result stopped = new Trainer.Result(Path.of("m-2.bbm"), Path.of("m-2.bbm.ckpt"), 120, 100, 20, true);
        assertEquals(420L, TrainingSession.continued(done, stopped, 300).budget().steps());
        assertThrows(IllegalArgumentException.class, () -> TrainingSession.continued(done, r, 0));
    }

    /** A folder of DAW-style drum clips: every note on channel 1, none on 10. */
    private Path channelOneFolder(int n) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("clips"));
        for (int i = 0; i < n; i++) {
            Sequence clip = MidiFiles.toSequence(TestData.busyGroove(40 + i));
            for (var track : clip.getTracks()) {
                for (int e = 0; e < track.size(); e++) {
                    if (track.get(e).getMessage() instanceof ShortMessage m) {
                        m.setMessage(m.getCommand(), 0, m.getData1(), m.getData2());
                    }
                }
            }
            MidiSystem.write(clip, 1, dir.resolve("clip" + i + ".mid").toFile());
        }
        return dir;
    }

    @Test
    void trainingReadsDrumsFromAnotherChannelOnlyWhenThePlanSaysSo() throws Exception {
        Path dir = channelOneFolder(6);
        TrainingJob.Plan plan = TrainingJob.Plan.of(dir, tmp.resolve("m.bbm")).withPreset(Preset.QUICK).withSize(ModelSize.SMALL)
            .withSteps(2).withValidationShare(0.2);
        TrainingException e = assertThrows(TrainingException.class, () -> TrainingJob.prepare(plan, (d, t, w) -> { }));
        assertTrue(e.getMessage().startsWith("no 4-bar 4/4 drum windows to train on"), e.getMessage());
        TrainingJob job = TrainingJob.prepare(plan.withOtherDrumChannel(true), (d, t, w) -> { });
        assertEquals(6, job.report().files());
        assertEquals(0, job.report().skipped().size());
        assertTrue(job.report().totalWindows() > 0);
        assertEquals(true, job.dataDescription().get("otherDrumChannel"));
        // what the wizard's scan offers the choice for: every file, skipped on channel 10, reads elsewhere
        org.backbeat.data.DatasetReport channel10 = org.backbeat.data.Dataset.open(dir,
            org.backbeat.data.DatasetOptions.defaults(), (d, t, w) -> { }).report();
        assertEquals(6, TrainingSession.clipsOnOtherChannels(dir, channel10));
        assertEquals(0, TrainingSession.clipsOnOtherChannels(dir, job.report()));
    }

    @Test
    void theProbeTimesRealStepsAfterWarmUpAndWritesNothingOfTheUsers() throws Exception {
        Path dir = TestData.folder(tmp.resolve("grooves"), 6);
        Path out = tmp.resolve("mine.bbm");
        TrainingJob.Plan plan = TrainingJob.Plan.of(dir, out).withPreset(Preset.QUICK).withSize(ModelSize.SMALL).withSteps(500);
        TrainingSession.Speed s = TrainingSession.measureSpeed(plan, (d, t, w) -> { });
        assertTrue(s.low() > 0 && s.low() <= s.high(), s.toString());
        assertTrue(s.firstStep() > 0, s.toString());
        assertTrue(s.lowSeconds(500) <= s.highSeconds(500));
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(Trainer.checkpointPath(out)));
    }

    @Test
    void aProbeStoppedForARealRunSaysSoAndLeavesNothing() throws Exception {
        Path dir = TestData.folder(tmp.resolve("grooves"), 6);
        TrainingJob.Plan plan = TrainingJob.Plan.of(dir, tmp.resolve("mine.bbm")).withPreset(Preset.QUICK).withSize(ModelSize.SMALL);
        TrainingException e = assertThrows(TrainingException.class,
            () -> TrainingSession.measureSpeed(plan, (d, t, w) -> { }, TrainingJob::cancel));
        assertEquals("cancelled", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("mine.bbm")));
    }

    @Test
    void theResultRowsReadTheTypedFiguresOfBothModels() {
        Evaluation.Baselines none = new Evaluation.Baselines(null, new Evaluation.OffsetError(1), new Evaluation.VelocityError(1));
        Evaluation now = new Evaluation(4, new Evaluation.Metrics(0.5, 0, 0, 0.8, 0.1, Double.NaN), 2.5, 9, null, none);
        Evaluation before = new Evaluation(4, new Evaluation.Metrics(0.25, 0, 0, 0.4, 0.2, 30), 5, 9, null, none);
        List<TrainingSession.Row> rows = new TrainingSession.Comparison(now, before, false).rows();
        assertEquals(List.of("steps exactly right", "hit F1", "velocity error", "timing error (ms)", "KL (nats)"),
            rows.stream().map(TrainingSession.Row::label).toList());
        assertEquals(new TrainingSession.Row("hit F1", 0.8, 0.4), rows.get(1));
        assertTrue(Double.isNaN(rows.get(3).now()), "no true hits: no timing error to show");
        assertEquals(new TrainingSession.Row("KL (nats)", 2.5, null),
            new TrainingSession.Comparison(now, null, true).rows().get(4), "no starting model: no second column");
    }
}
