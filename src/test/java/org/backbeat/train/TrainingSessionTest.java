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
import org.backbeat.model.DecoderType;
import org.backbeat.model.Task;
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
    private static TrainingSession.Settings settings(long steps, Task task, String out) {
        return new TrainingSession.Settings(false, Preset.QUICK, steps, 0.1, DecoderType.FLAT, task, out);
    }

    @Test
    void thePlanIsWhatTheSettingsPageShowsTheTaskIncluded() {
        Path models = tmp.resolve("models");
        TrainingSession s = new TrainingSession(models, tmp.resolve("start.bbm"));
        s.useFolder(tmp.resolve("in"));
        TrainingJob.Plan p = s.plan(new TrainingSession.Settings(true, Preset.STANDARD, 1000, 0.2,
            DecoderType.HIERARCHICAL, Task.HUMANIZE, ""));
        assertEquals(tmp.resolve("in"), p.data());
        assertEquals(models.resolve("my-model.bbm"), p.out(), "a blank name: the default one");
        assertEquals(Preset.STANDARD, p.preset());
        assertEquals(DecoderType.HIERARCHICAL, p.decoder());
        assertEquals(tmp.resolve("start.bbm"), p.initFrom(), "fine-tuning the start model");
        assertEquals(Task.HUMANIZE, p.task());
        assertEquals(1000L, p.budget().steps());
        assertEquals(100, p.overrides().validateEvery(), "a tenth of the steps");
        assertEquals(0.2, p.validationShare());
        assertFalse(p.resume());
        assertFalse(p.otherDrumChannel());
        TrainingJob.Plan scratch = s.plan(settings(4, Task.DRUMIFY, " " + tmp.resolve("x.bbm") + " "));
        assertEquals(null, scratch.initFrom());
        assertEquals(tmp.resolve("x.bbm"), scratch.out());
        assertEquals(1, scratch.overrides().validateEvery());
        // the drum-channel choice is the folder's
        s.setOtherChannel(true);
        assertTrue(s.plan(settings(4, Task.GENERATE, "")).otherDrumChannel());
        s.useFolder(tmp.resolve("another"));
        assertFalse(s.otherChannel());
        s.useFolder(tmp.resolve("in"));
        assertTrue(s.otherChannel());
        // a task change is a new run
        assertFalse(TrainingSession.sameRun(s.plan(settings(4, Task.HUMANIZE, "")), s.plan(settings(4, Task.GENERATE, ""))));
        assertEquals(List.of(Preset.QUICK, Preset.STANDARD, Preset.FULL), TrainingSession.WIZARD_PRESETS);
        assertEquals(300, TrainingSession.presetSteps(Preset.QUICK));
    }

    @Test
    void enteringTheTrainingPageStartsARunOnlyForNewSettings() throws Exception {
        TrainingSession s = new TrainingSession(tmp, null);
        s.useFolder(tmp.resolve("in"));
        TrainingJob.Plan four = s.plan(settings(4, Task.GENERATE, tmp.resolve("a.bbm").toString()));
        TrainingSession.Start start = s.runOnEntering(TrainingSession.Page.SETTINGS, four).orElseThrow();
        assertEquals(new TrainingSession.Start(four, true), start);
        s.started(start, four.withOverwrite(true));
        assertTrue(s.running());
        assertTrue(s.runOnEntering(TrainingSession.Page.SETTINGS, four).isEmpty(), "nothing starts while one runs");
        assertFalse(s.done());
        Trainer.Result r = new Trainer.Result(tmp.resolve("a.bbm"), tmp.resolve("a.bbm.ckpt"), 4, 1, 2, false);
        s.finished(r);
        assertTrue(s.done());
        assertEquals(r, s.result());
        // Previous, Next with nothing changed (a fresh name suggested is no change): the finished run
        assertTrue(s.runOnEntering(TrainingSession.Page.SETTINGS, four.withOut(tmp.resolve("a-2.bbm"))).isEmpty());
        // back from the result: nothing restarts
        TrainingJob.Plan six = s.plan(settings(6, Task.GENERATE, tmp.resolve("b.bbm").toString()));
        assertTrue(s.runOnEntering(TrainingSession.Page.RESULT, six).isEmpty());
        // "Train more": the finished run, continued from its checkpoint, as many steps again
        assertEquals(4, s.moreSteps(99));
        assertTrue(s.trainMore(s.moreSteps(99)));
        TrainingSession.Start more = s.runOnEntering(TrainingSession.Page.RESULT, six).orElseThrow();
        assertFalse(more.fromSettings());
        assertTrue(more.plan().resume());
        assertEquals(8L, more.plan().budget().steps());
        assertEquals(tmp.resolve("a.bbm"), more.plan().out());
        s.started(more, more.plan());
        s.finished(null); // it failed
        assertFalse(s.done());
        assertFalse(s.trainMore(4), "no finished run to continue");
        // other settings: a new run
        assertEquals(new TrainingSession.Start(six, true), s.runOnEntering(TrainingSession.Page.SETTINGS, six).orElseThrow());
    }

    @Test
    void pauseAndStopBeforeTheRunHasReadItsData() {
        TrainingSession s = new TrainingSession(tmp, null);
        TrainingJob.Plan p = TrainingJob.Plan.of(tmp, tmp.resolve("m.bbm"));
        s.started(new TrainingSession.Start(p, true), p);
        s.setPaused(true);
        assertTrue(s.paused(), "kept for the job when it is ready (applyPause)");
        assertFalse(s.stop(), "no job yet");
        assertFalse(s.paused(), "stopping unpauses");
        assertEquals(null, s.evaluating(), "nothing to evaluate without a result");
    }

    @Test
    void theSpeedIsMeasuredOncePerSettingThatChangesItOneProbeAtATime() {
        TrainingSession s = new TrainingSession(tmp, null);
        s.useFolder(tmp.resolve("in"));
        TrainingJob.Plan quick = s.plan(settings(300, Task.GENERATE, "a.bbm"));
        assertEquals(TrainingSession.Probe.START, s.probe(quick));
        TrainingJob.Plan key = s.measuringKey();
        assertEquals(null, s.speed(), "nothing to show while it measures");
        TrainingJob.Plan standard = TrainingJob.Plan.of(tmp.resolve("in"), tmp.resolve("a.bbm")).withPreset(Preset.STANDARD);
        assertEquals(TrainingSession.Probe.RUNNING, s.probe(standard), "one probe at a time");
        TrainingSession.Speed speed = new TrainingSession.Speed(0.5, 0.6, 2);
        s.measured(key, speed);
        assertEquals(speed, s.speed());
        // the step count, the output and the task do not change the speed
        assertEquals(TrainingSession.Probe.MEASURED, s.probe(s.plan(settings(9000, Task.DRUMIFY, "b.bbm"))));
        assertEquals(TrainingSession.Probe.START, s.probe(standard));
        // stopped for a run: measured again when the settings page comes back
        s.stopProbe();
        assertTrue(s.probeFailed(s.measuringKey()));
        assertEquals(TrainingSession.Probe.START, s.probe(standard));
        // could not measure: no estimate for these settings, and no new probe for them
        assertFalse(s.probeFailed(s.measuringKey()));
        assertEquals(null, s.speed());
        assertEquals(TrainingSession.Probe.MEASURED, s.probe(standard));
    }

    @Test
    void theSuggestedNameNeverLandsOnTheLastRunsModel() throws Exception {
        Path models = Files.createDirectories(tmp.resolve("models"));
        TrainingSession s = new TrainingSession(models, null);
        assertEquals("typed", s.suggestedOut("typed"), "no folder yet: as it is");
        s.useFolder(tmp.resolve("my grooves"));
        assertEquals(models.resolve("my grooves.bbm").toString(), s.suggestedOut(" "));
        assertEquals("mine.bbm", s.suggestedOut("mine.bbm"), "a typed name stays");
        Files.writeString(models.resolve("my grooves.bbm"), "x");
        TrainingJob.Plan p = s.plan(settings(4, Task.GENERATE, models.resolve("my grooves.bbm").toString()));
        s.started(new TrainingSession.Start(p, true), p);
        s.finished(new Trainer.Result(p.out(), Trainer.checkpointPath(p.out()), 4, 1, 1, false));
        assertEquals(models.resolve("my grooves-2.bbm").toString(), s.suggestedOut(p.out().toString()));
    }

    @Test
    void theScanSaysWhatItFoundAndOffersTheDrumChannelChoice() throws Exception {
        Path dir = channelOneFolder(3);
        TrainingSession.Scan channel10 = TrainingSession.scan(dir, false, (d, t, w) -> { });
        assertFalse(channel10.usable());
        assertTrue(channel10.offersOtherChannel());
        assertEquals(3, channel10.otherChannelClips());
        assertTrue(channel10.summary().startsWith("Nothing to learn from: ") && channel10.summary().contains("(3 "
            + "skipped, reasons below)"), channel10.summary());
        assertTrue(channel10.summary().endsWith(" · 3 skipped files have drums on another channel than 10: tick \"Read "
            + "drums from other channels\" to train on them"), channel10.summary());
        assertEquals(2 + 3, channel10.details().size(), "tempo, hits, and each skipped file");
        assertTrue(channel10.details().get(1).startsWith("Hits: "), channel10.details().get(1));
        TrainingSession.Scan other = TrainingSession.scan(dir, true, (d, t, w) -> { });
        assertTrue(other.usable());
        assertTrue(other.offersOtherChannel(), "offered while chosen, to take it back");
        assertTrue(other.summary().startsWith("3 files read, 0 skipped"), other.summary());
        assertTrue(other.summary().endsWith(" · files with nothing on channel 10 are read from the channel that looks "
            + "like drums"), other.summary());
    }

    @Test
    void resumingReadsTheRunsFolderDrumChannelChoiceAndTaskAgain() throws Exception {
        Path dir = channelOneFolder(6);
        Path models = Files.createDirectories(tmp.resolve("models"));
        Path out = models.resolve("run.bbm");
        TrainingJob.Plan plan = TrainingJob.Plan.of(dir, out).withPreset(Preset.QUICK).withSize(ModelSize.SMALL)
            .withSteps(2).withValidateEvery(1).withValidationShare(0.2).withOtherDrumChannel(true).withTask(Task.HUMANIZE);
        TrainingJob.prepare(plan, (d, t, w) -> { }).run(p -> { });

        TrainingSession s = new TrainingSession(models, null);
        assertEquals(List.of(Trainer.checkpointPath(out)), s.interruptedRuns());
        TrainingSession.RunSettings run = s.resume(s.interruptedRuns().get(0));
        assertEquals(new TrainingSession.RunSettings(java.util.Optional.of(dir.toAbsolutePath()), true, Task.HUMANIZE), run);
        assertEquals(out, s.resumeTarget());
        assertEquals(Task.HUMANIZE, s.resumedTask());
        s.useFolder(run.data().orElseThrow());
        assertTrue(s.otherChannel(), "the run read drums from other channels: the resume does too");
        assertEquals(out.toString(), s.suggestedOut(""));
        TrainingJob.Plan resumed = s.plan(new TrainingSession.Settings(true, Preset.QUICK, 4, 0.2, DecoderType.FLAT,
            s.resumedTask(), s.suggestedOut("")));
        assertTrue(resumed.resume());
        assertTrue(resumed.otherDrumChannel());
        assertEquals(Task.HUMANIZE, resumed.task());
        assertEquals(null, resumed.initFrom(), "a resume continues its run, it fine-tunes nothing");
        // the folder moved: the one chosen for the resume takes the run's choice
        s.useFolder(tmp.resolve("moved"));
        assertTrue(s.otherChannel());
        // what the resumed plan reads: the six clips, as the run did
        assertEquals(6, TrainingJob.prepare(resumed.withOut(out), (d, t, w) -> { }).report().files());
        // a checkpoint with neither card nor readable header: nothing known
        Path bare = models.resolve("bare.bbm.ckpt");
        Files.writeString(bare, "x");
        assertEquals(new TrainingSession.RunSettings(java.util.Optional.empty(), null, null),
            TrainingSession.runSettingsOf(bare));
    }

    @Test
    void aTaskModelsResultHasNoKlRow() {
        Evaluation.Metrics m = new Evaluation.Metrics(0.5, 0.9, 0.8, 0.85, 0.1, 12);
        TaskEvaluation now = new TaskEvaluation("humanize", 7, m, null, new TaskEvaluation.Baselines(null, null, null));
        TrainingSession.Comparison c = new TrainingSession.Comparison(Task.HUMANIZE, now, null, false);
        assertEquals(List.of("steps exactly right", "hit F1", "velocity error", "timing error (ms)"),
            c.rows().stream().map(TrainingSession.Row::label).toList());
        assertEquals(new TrainingSession.Row("timing error (ms)", 12, null), c.rows().get(3));
        assertEquals(7, c.now().windows());
    }
}
