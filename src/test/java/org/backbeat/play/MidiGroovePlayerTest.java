package org.backbeat.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sound.midi.ShortMessage;
import org.backbeat.bench.TestGrooves;
import org.backbeat.groove.DrumClass;
import org.backbeat.groove.Groove;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class MidiGroovePlayerTest {

    /** 960 qpm: a step is 15.6 ms, a loop of 64 steps 1 s. */
    static final double FAST = 960;

    /** Plays until the step listener has been called {@code steps} times, then stops. */
    static List<Integer> playSteps(MidiGroovePlayer p, Groove g, int steps) throws InterruptedException {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        CountDownLatch latch = new CountDownLatch(steps);
        p.setStepListener(s -> {
            seen.add(s);
            latch.countDown();
        });
        p.play(g);
        assertTrue(latch.await(10, TimeUnit.SECONDS), "steps seen: " + seen.size());
        p.stop();
        return seen;
    }

    static List<int[]> expectedNotes(Groove g, double volume) {
        List<int[]> notes = new ArrayList<>();
        for (int s = 0; s < Groove.STEPS; s++) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                if (g.hit(s, c)) {
                    notes.add(new int[] {DrumClass.of(c).outputPitch(), (int) Math.round(g.velocity(s, c) * 127 * volume)});
                }
            }
        }
        return notes;
    }

    /** Per pitch, ON and OFF alternate and the last is OFF: nothing sticks. */
    static void assertNoStuckNotes(List<RecordingReceiver.Msg> msgs) {
        Map<Integer, Boolean> on = new HashMap<>();
        for (RecordingReceiver.Msg m : msgs) {
            if (m.noteOn()) {
                if (on.getOrDefault(m.data1(), false)) {
                    fail("NOTE_ON " + m.data1() + " while it still sounds");
                }
                on.put(m.data1(), true);
            } else if (m.noteOff()) {
                on.put(m.data1(), false);
            }
        }
        on.forEach((pitch, sounding) -> assertFalse(sounding, "pitch " + pitch + " left sounding"));
    }

    @Test
    void playsTheGroovesNotesOnChannel10InOrder() throws Exception {
        RecordingReceiver rec = new RecordingReceiver();
        Groove rock = TestGrooves.rock();
        try (MidiGroovePlayer p = MidiGroovePlayer.withReceiver(rec)) {
            p.setTempo(FAST);
            playSteps(p, rock, 64 + 2);
        }
        List<RecordingReceiver.Msg> ons = rec.noteOns();
        List<int[]> expected = expectedNotes(rock, 1.0);
        assertTrue(ons.size() >= expected.size(), ons.size() + " notes");
        for (int i = 0; i < expected.size(); i++) {
            RecordingReceiver.Msg m = ons.get(i);
            assertEquals(9, m.channel(), "channel of note " + i);
            assertEquals(expected.get(i)[0], m.data1(), "pitch of note " + i);
            assertEquals(expected.get(i)[1], m.data2(), "velocity of note " + i);
        }
        for (RecordingReceiver.Msg m : rec.messages()) {
            assertEquals(9, m.channel());
        }
        // the second loop starts like the first
        assertEquals(expected.get(0)[0], ons.get(expected.size()).data1());
        assertNoStuckNotes(rec.messages());
    }

    @Test
    void volumeScalesVelocities() throws Exception {
        RecordingReceiver rec = new RecordingReceiver();
        Groove rock = TestGrooves.rock();
        try (MidiGroovePlayer p = MidiGroovePlayer.withReceiver(rec)) {
            p.setTempo(FAST);
            p.setVolume(0.5);
            playSteps(p, rock, 8);
        }
        List<RecordingReceiver.Msg> ons = rec.noteOns();
        List<int[]> expected = expectedNotes(rock, 0.5);
        assertTrue(ons.size() >= 4);
        for (int i = 0; i < 4; i++) {
            assertEquals(expected.get(i)[1], ons.get(i).data2());
        }
    }

    @Test
    void stepListenerSeesEveryStepInOrder() throws Exception {
        try (MidiGroovePlayer p = MidiGroovePlayer.withReceiver(new RecordingReceiver())) {
            p.setTempo(FAST);
            List<Integer> seen = playSteps(p, TestGrooves.funk(), 70);
            for (int i = 0; i < 70; i++) {
                assertEquals(i % 64, seen.get(i), "call " + i);
            }
        }
    }

    @Test
    void switchingGroovesChangesTheNextStepsAndLeavesNothingSounding() throws Exception {
        RecordingReceiver rec = new RecordingReceiver();
        Groove ride = Groove.empty(120);
        for (int s = 0; s < Groove.STEPS; s++) {
            ride = ride.withCell(s, DrumClass.RIDE.ordinal(), true, 0.7f, 0f);
        }
        double stepNanos = 60e9 / FAST / 4;
        try (MidiGroovePlayer p = MidiGroovePlayer.withReceiver(rec)) {
            p.setTempo(FAST);
            CountDownLatch at20 = new CountDownLatch(20);
            CountDownLatch after = new CountDownLatch(60);
            p.setStepListener(s -> {
                at20.countDown();
                after.countDown();
            });
            p.play(TestGrooves.rock());
            assertTrue(at20.await(5, TimeUnit.SECONDS));
            long switchedAt = System.nanoTime();
            p.setGroove(ride);
            assertTrue(after.await(5, TimeUnit.SECONDS));
            p.stop();
            List<RecordingReceiver.Msg> ons = rec.noteOns();
            int rides = 0;
            for (RecordingReceiver.Msg m : ons) {
                if (m.nanos() < switchedAt) {
                    assertTrue(m.data1() != DrumClass.RIDE.outputPitch(), "ride before the switch");
                } else if (m.nanos() > switchedAt + 2 * stepNanos) {
                    assertEquals(DrumClass.RIDE.outputPitch(), m.data1(), "old groove after the switch");
                    rides++;
                }
            }
            assertTrue(rides >= 30, rides + " ride hits");
        }
        assertNoStuckNotes(rec.messages());
    }

    @Test
    void swingDelaysTheOffBeatSixteenths() throws Exception {
        Groove hats = Groove.empty(120);
        for (int s = 0; s < Groove.STEPS; s++) {
            hats = hats.withCell(s, DrumClass.CLOSED_HIHAT.ordinal(), true, 0.8f, 0f);
        }
        RecordingReceiver rec = new RecordingReceiver();
        try (MidiGroovePlayer p = MidiGroovePlayer.withReceiver(rec)) {
            p.setTempo(240); // a step is 62.5 ms
            p.setSwing(0.5);
            playSteps(p, hats, 34);
        }
        List<RecordingReceiver.Msg> ons = rec.noteOns();
        assertTrue(ons.size() >= 32, ons.size() + " notes");
        double onToOff = 0;
        double offToOn = 0;
        for (int i = 0; i + 2 < 32; i += 2) {
            onToOff += (ons.get(i + 1).nanos() - ons.get(i).nanos()) / 1e6;
            offToOn += (ons.get(i + 2).nanos() - ons.get(i + 1).nanos()) / 1e6;
        }
        onToOff /= 15;
        offToOn /= 15;
        // straight: 62.5 and 62.5 ms; swing 0.5: the off-beat half a step later, 93.75 and 31.25
        assertEquals(93.75, onToOff, 12, "beat to off-beat");
        assertEquals(31.25, offToOn, 12, "off-beat to the next beat");
        assertThrows(IllegalArgumentException.class, () -> MidiGroovePlayer.silent("x").setSwing(0.9));
    }

    @Test
    void overlappingHitsOnOnePitchAreRetriggeredNotStuck() throws Exception {
        // kicks alternately half a step late and half a step early: each note is still
        // sounding when the next one starts
        Groove flams = Groove.empty(120);
        for (int s = 0; s < Groove.STEPS; s++) {
            flams = flams.withCell(s, DrumClass.KICK.ordinal(), true, 0.8f, s % 2 == 0 ? 0.45f : -0.45f);
        }
        RecordingReceiver rec = new RecordingReceiver();
        try (MidiGroovePlayer p = MidiGroovePlayer.withReceiver(rec)) {
            p.setTempo(FAST);
            playSteps(p, flams, 40);
        }
        assertTrue(rec.noteOns().size() >= 38);
        assertNoStuckNotes(rec.messages());
    }

    @Test
    void stopSilencesEverythingAndSendsAllNotesOff() throws Exception {
        RecordingReceiver rec = new RecordingReceiver();
        try (MidiGroovePlayer p = MidiGroovePlayer.withReceiver(rec)) {
            p.setTempo(FAST);
            playSteps(p, TestGrooves.funk(), 10);
            assertFalse(p.isPlaying());
            List<RecordingReceiver.Msg> msgs = rec.messages();
            RecordingReceiver.Msg last = msgs.get(msgs.size() - 1);
            assertEquals(ShortMessage.CONTROL_CHANGE, last.command());
            assertEquals(9, last.channel());
            assertEquals(123, last.data1());
            assertNoStuckNotes(msgs);
            Thread.sleep(100);
            assertEquals(msgs.size(), rec.messages().size(), "messages after stop()");
            // and it plays again after a stop
            playSteps(p, TestGrooves.rock(), 4);
            assertTrue(rec.noteOns().size() > msgs.stream().filter(RecordingReceiver.Msg::noteOn).count());
        }
    }

    @Test
    void tempoChangesApplyWithoutAJump() throws Exception {
        // the grid lines the player schedules, not when the calls arrive: a busy machine delays those
        List<Long> due = new CopyOnWriteArrayList<>();
        try (MidiGroovePlayer p = MidiGroovePlayer.withReceiver(new RecordingReceiver())) {
            p.setTempo(600);
            CountDownLatch first = new CountDownLatch(10);
            CountDownLatch all = new CountDownLatch(30);
            p.setStepListener(s -> {
                due.add(p.stepDueNanos());
                first.countDown();
                all.countDown();
            });
            p.play(TestGrooves.rock());
            assertTrue(first.await(5, TimeUnit.SECONDS));
            p.setTempo(960);
            assertEquals(960, p.tempo());
            assertTrue(all.await(5, TimeUnit.SECONDS));
            p.stop();
        }
        double slow = 60e9 / 600 / 4;
        double fast = 60e9 / 960 / 4;
        int slowSteps = 0;
        boolean changed = false;
        for (int i = 1; i < due.size(); i++) {
            double dt = due.get(i) - due.get(i - 1);
            if (Math.abs(dt - slow) < 1e3 && !changed) {
                slowSteps++;
            } else if (Math.abs(dt - fast) < 1e3) {
                changed = true;
            } else {
                fail("step " + i + " came " + dt / 1e6 + " ms after the one before (slow "
                    + slow / 1e6 + ", fast " + fast / 1e6 + ", or a jump)");
            }
        }
        assertTrue(changed && slowSteps >= 9, slowSteps + " slow steps, changed " + changed);
    }

    @Test
    void statusSaysWhetherSoundCanBeHeard() {
        try (MidiGroovePlayer p = MidiGroovePlayer.open()) {
            PlayerStatus st = p.status();
            if (!st.soundAvailable()) {
                assertFalse(st.message().isBlank());
                assertTrue(st.message().startsWith("No sound device"), st.message());
            }
            // silent or not, it plays and reports steps
            CountDownLatch steps = new CountDownLatch(3);
            p.setTempo(FAST);
            p.setStepListener(s -> steps.countDown());
            p.play(TestGrooves.rock());
            assertTrue(steps.await(5, TimeUnit.SECONDS));
            p.stop();
        } catch (InterruptedException e) {
            fail(e);
        }
    }

    /** The clicks (wood blocks) among the note-ons. */
    private static List<RecordingReceiver.Msg> clicks(RecordingReceiver rec) {
        return rec.noteOns().stream().filter(m -> m.data1() == MidiGroovePlayer.CLICK_ACCENT_PITCH
            || m.data1() == MidiGroovePlayer.CLICK_PITCH).toList();
    }

    /**
     * Issue 20: tapping is done over a count-in bar and a click on every beat. The clicks reach the
     * receiver on channel 10 at the beat times measured from the downbeat the player returns: four
     * before it (the first accented), then one on every beat of the loop, accented on each bar's first.
     */
    @Test
    void aCountInBarThenAClickOnEveryBeatReachTheReceiverAtTheBeatTimes() throws Exception {
        RecordingReceiver rec = new RecordingReceiver();
        double qpm = 480; // a beat is 125 ms, the count-in 0.5 s, the loop 2 s
        double beat = 60e9 / qpm;
        long called;
        long downbeat;
        try (MidiGroovePlayer p = MidiGroovePlayer.withReceiver(rec)) {
            rec.player = p;
            p.setTempo(qpm);
            p.setMetronome(true);
            assertTrue(p.metronome());
            CountDownLatch loop = new CountDownLatch(Groove.STEPS + 1);
            p.setStepListener(s -> loop.countDown());
            called = System.nanoTime();
            downbeat = p.playAfterCountIn(Groove.empty(qpm), 4);
            assertEquals(downbeat, p.runStartNanos(), "step 0 of the loop is the downbeat after the count-in");
            assertTrue(loop.await(10, TimeUnit.SECONDS));
            p.stop();
        }
        assertTrue(downbeat - called >= 4 * beat, "the downbeat comes after four beats");
        List<RecordingReceiver.Msg> clicks = clicks(rec);
        assertEquals(rec.noteOns().size(), clicks.size(), "an empty groove: only clicks");
        // each click is due exactly on a beat (-4..-1: the count-in, 0..15: the loop's), with its accent
        java.util.Set<Integer> beats = new java.util.TreeSet<>();
        List<Double> lateMs = new ArrayList<>();
        for (RecordingReceiver.Msg m : clicks) {
            int b = (int) Math.round((m.due() - downbeat) / beat);
            if (b >= 16) {
                continue; // the next loop
            }
            boolean accent = b < 0 ? b == -4 : b % 4 == 0;
            long beatTime = downbeat + Math.round(b * beat);
            assertEquals(beatTime, m.due(), 1_000, "a click due on beat " + b + " (to the microsecond)");
            assertTrue(b >= -4 && beats.add(b), "beat " + b + ": four count-in beats, one click a beat");
            assertEquals(9, m.channel(), "beat " + b);
            assertEquals(accent ? MidiGroovePlayer.CLICK_ACCENT_PITCH : MidiGroovePlayer.CLICK_PITCH, m.data1(),
                "beat " + b + (accent ? " is accented" : " is not accented"));
            assertEquals(Math.round((accent ? MidiGroovePlayer.CLICK_ACCENT_VELOCITY : MidiGroovePlayer.CLICK_VELOCITY) * 127),
                m.data2(), "velocity of beat " + b);
            assertTrue(m.nanos() >= m.due(), "beat " + b + " sent before it was due");
            lateMs.add((m.nanos() - beatTime) / 1e6);
        }
        // all 20 beats (one may be missing: after a stall of the machine the player drops a note
        // rather than play it 80 ms late), sent on time to a few ms (the median, for the same reason)
        assertTrue(beats.size() >= 19, "beats clicked: " + beats);
        List<Double> sorted = lateMs.stream().sorted().toList();
        assertTrue(sorted.get(sorted.size() / 2) < 3, "median lateness, ms: " + lateMs);
        assertNoStuckNotes(rec.messages());
    }

    /** The count-in clicks whatever the metronome; without it the groove plays from the downbeat, no click. */
    @Test
    void withTheMetronomeOffOnlyTheCountInClicksAndTheGrooveStartsOnTheDownbeat() throws Exception {
        RecordingReceiver rec = new RecordingReceiver();
        double beat = 60e9 / FAST; // 62.5 ms
        long downbeat;
        try (MidiGroovePlayer p = MidiGroovePlayer.withReceiver(rec)) {
            p.setTempo(FAST);
            p.play(TestGrooves.rock());
            Thread.sleep(100);
            CountDownLatch steps = new CountDownLatch(40);
            p.setStepListener(s -> steps.countDown());
            downbeat = p.playAfterCountIn(TestGrooves.rock(), 2); // restarts the playing loop
            long restarted = System.nanoTime(); // the first run sends nothing once the call is back
            assertTrue(steps.await(10, TimeUnit.SECONDS));
            p.stop();
            List<RecordingReceiver.Msg> after = rec.noteOns().stream().filter(m -> m.nanos() > restarted).toList();
            List<RecordingReceiver.Msg> clicks = after.stream().filter(m -> m.data1() == MidiGroovePlayer.CLICK_ACCENT_PITCH
                || m.data1() == MidiGroovePlayer.CLICK_PITCH).toList();
            assertEquals(2, clicks.size(), "two count-in clicks and no metronome");
            assertEquals(MidiGroovePlayer.CLICK_ACCENT_PITCH, clicks.get(0).data1());
            assertEquals(MidiGroovePlayer.CLICK_PITCH, clicks.get(1).data1());
            List<RecordingReceiver.Msg> groove = after.stream().filter(m -> !clicks.contains(m)).toList();
            assertTrue(groove.size() > 5);
            assertTrue(groove.get(0).nanos() >= downbeat - 1_000_000L, "the groove's first hit is on the downbeat, "
                + (groove.get(0).nanos() - downbeat) / 1e6 + " ms from it");
            assertTrue(clicks.get(1).nanos() < downbeat - beat / 2, "the count-in is before the downbeat");
        }
        assertNoStuckNotes(rec.messages());
        try (MidiGroovePlayer p = MidiGroovePlayer.withReceiver(rec)) {
            assertThrows(IllegalArgumentException.class, () -> p.playAfterCountIn(Groove.empty(120), -1));
            assertThrows(IllegalArgumentException.class, () -> p.playAfterCountIn(Groove.empty(120), 17));
        }
    }

    /** Turning the metronome off silences the next click at once, even one already scheduled. */
    @Test
    void theMetronomeStopsAtOnce() throws Exception {
        RecordingReceiver rec = new RecordingReceiver();
        try (MidiGroovePlayer p = MidiGroovePlayer.withReceiver(rec)) {
            p.setTempo(FAST);
            p.setMetronome(true);
            CountDownLatch first = new CountDownLatch(9);
            CountDownLatch more = new CountDownLatch(40);
            p.setStepListener(s -> {
                first.countDown();
                more.countDown();
            });
            p.play(Groove.empty(FAST));
            assertTrue(first.await(10, TimeUnit.SECONDS));
            p.setMetronome(false);
            Thread.sleep(10); // a click being sent as the metronome went off is in (the next is 60 ms away)
            int heard = clicks(rec).size();
            assertTrue(heard >= 2, heard + " clicks before");
            assertTrue(more.await(10, TimeUnit.SECONDS));
            p.stop();
            assertEquals(heard, clicks(rec).size(), "no click once the metronome is off");
        }
    }

    @Test
    void badSoundfontAndUnknownPortGiveClearMessages(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.sf2");
        Files.write(bad, new byte[] {'R', 'I', 'F', 'F', 1, 2, 3});
        try (MidiGroovePlayer p = MidiGroovePlayer.withReceiver(new RecordingReceiver())) {
            Exception e = assertThrows(Exception.class, () -> p.loadSoundbank(bad));
            assertTrue(e.getMessage().contains("bad.sf2"), e.getMessage());
            Exception missing = assertThrows(Exception.class, () -> p.loadSoundbank(dir.resolve("none.sf2")));
            assertTrue(missing.getMessage().contains("none.sf2"), missing.getMessage());
        }
        Exception e = assertThrows(Exception.class, () -> MidiGroovePlayer.forPort("no such port 1234"));
        assertTrue(e.getMessage().contains("no such port 1234"), e.getMessage());
    }
}
