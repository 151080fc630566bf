package org.backbeat.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.backbeat.groove.Groove;
import org.backbeat.groove.GrooveTransforms;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Tap flow without a window: a fake transport and a view that writes down what it is told. */
class TapSessionTest {

    private static final long S = 1_000_000_000L;

    /** A transport whose count-in's downbeat is 1 s from now on the test's clock. */
    private final class FakeTransport implements TapSession.Transport {
        boolean playing;
        boolean metronome;
        double tempo;
        int countIns;

        @Override
        public boolean isPlaying() {
            return playing;
        }

        @Override
        public void setTempo(double qpm) {
            tempo = qpm;
        }

        @Override
        public void setMetronome(boolean on) {
            metronome = on;
        }

        @Override
        public long playAfterCountIn(Groove groove, int beats) {
            countIns++;
            playing = true;
            return clock.get() + S;
        }
    }

    private final class FakeView implements TapSession.View {
        final List<String> calls = new ArrayList<>();
        Groove shown;
        String status;
        StudioGroove drumified;

        @Override
        public void showTaps(Groove taps) {
            shown = taps;
            calls.add("taps");
        }

        @Override
        public void showCurrent() {
            calls.add("current");
        }

        @Override
        public void showStatus(String text) {
            status = text;
        }

        @Override
        public void countInStarted() {
            calls.add("countInStarted");
        }

        @Override
        public void countInEnded() {
            calls.add("countInEnded");
        }

        @Override
        public void tappingStopped() {
            calls.add("stopped");
        }

        @Override
        public void stopPlayback() {
            transport.playing = false;
            calls.add("stopPlayback");
        }

        @Override
        public void drumify(StudioGroove taps) {
            drumified = taps;
            calls.add("drumify");
        }
    }

    private final AtomicLong clock = new AtomicLong(10 * S);
    private FakeTransport transport;
    private FakeView view;
    private TapSession taps;

    @BeforeEach
    void setUp() {
        transport = new FakeTransport();
        view = new FakeView();
        taps = new TapSession(transport, view);
        taps.setClock(clock::get);
    }

    @Test
    void withTheMetronomeTheLoopCountsInAndTapsAreTimedFromTheDownbeatAfterIt() {
        taps.start(120, true);
        assertTrue(taps.active());
        assertEquals(1, transport.countIns);
        assertTrue(transport.metronome);
        assertEquals(120, transport.tempo);
        assertEquals(List.of("countInStarted", "taps"), view.calls);
        assertEquals(0, view.shown.hitCount(), "the empty four bars");
        long downbeat = taps.recorder().downbeatNanos();
        assertEquals(clock.get() + S, downbeat);
        assertTrue(view.status.startsWith("Count-in"));

        taps.tap(downbeat - S / 2, 100); // in the count-in: not a tap
        assertEquals(0, taps.recorder().count());
        taps.tap(downbeat, 100);
        taps.tap(downbeat + S / 2, 90); // step 4 at 120 qpm
        assertEquals(2, view.shown.hitCount());
        assertTrue(view.shown.hit(4, GrooveTransforms.TAP_CHANNEL));

        clock.set(downbeat + 3 * S);
        assertTrue(taps.tick(), "mid-loop: still tapping");
        assertTrue(view.status.contains("bar 2"), view.status);
        clock.set(downbeat + 8 * S); // four bars at 120 qpm: 8 s
        assertFalse(taps.tick());
        assertFalse(taps.active());
        assertFalse(transport.metronome, "the clicks stop");
        assertEquals("taps", view.drumified.label());
        assertEquals(2, view.drumified.groove().hitCount());
        assertEquals("Drumifying 2 taps…", view.status);
        assertTrue(view.calls.containsAll(List.of("stopped", "countInEnded", "drumify")));
        assertFalse(view.calls.contains("stopPlayback"), "the drumified groove loops on");
    }

    @Test
    void aTapAfterTheFourBarsFinishesThem() {
        taps.start(120, true);
        long downbeat = taps.recorder().downbeatNanos();
        taps.tap(downbeat, 100);
        taps.tap(downbeat + 8 * S, 100);
        assertFalse(taps.active());
        assertEquals(1, view.drumified.groove().hitCount());
        assertEquals("Drumifying 1 tap…", view.status);
    }

    @Test
    void withoutTheMetronomeTheFirstTapIsTheDownbeatAndNothingPlays() {
        taps.start(120, false);
        assertEquals(0, transport.countIns);
        assertFalse(transport.playing || transport.metronome);
        assertFalse(taps.recorder().started());
        assertTrue(view.calls.isEmpty());
        taps.tap(5 * S, 100);
        taps.tap(5 * S + 4 * S, 100); // half the loop: step 32
        assertTrue(view.shown.hit(0, GrooveTransforms.TAP_CHANNEL) && view.shown.hit(32, GrooveTransforms.TAP_CHANNEL));
        clock.set(5 * S + 7 * S);
        assertTrue(taps.tick(), "the transport's being stopped does not end free tapping");
        clock.set(5 * S + 8 * S);
        assertFalse(taps.tick());
        assertEquals(2, view.drumified.groove().hitCount());
        assertFalse(view.calls.contains("countInEnded"));
    }

    @Test
    void stoppingTheLoopDuringTheCountInEndsTheTapsWithoutAGroove() {
        taps.start(100, true);
        transport.playing = false; // Space
        assertFalse(taps.tick());
        assertFalse(taps.active());
        assertNull(view.drumified);
        assertEquals(List.of("countInStarted", "taps", "stopped", "current", "countInEnded"), view.calls);
        assertEquals("", view.status);
    }

    @Test
    void endingTapsStopsTheLoopOnlyWhenItDidNotPlayBefore() {
        taps.start(120, true);
        taps.end();
        assertTrue(view.calls.contains("stopPlayback"), "the loop was started by the count-in");
        assertFalse(transport.metronome);

        view.calls.clear();
        transport.playing = true; // playing before Tap
        taps.start(120, true);
        taps.end();
        assertFalse(view.calls.contains("stopPlayback"), "it plays on as before");
        assertTrue(transport.playing);
    }

    @Test
    void finishingWithoutATapEndsWithoutDrumifying() {
        taps.start(120, true);
        taps.finish();
        assertFalse(taps.active());
        assertNull(view.drumified);
        assertTrue(view.calls.contains("current"));
    }

    @Test
    void theMetronomeSwitchesOnlyWhileCountedTapsRecord() {
        taps.metronomeChanged(true);
        assertFalse(transport.metronome, "not tapping");
        taps.start(120, false);
        taps.metronomeChanged(true);
        assertFalse(transport.metronome, "free tapping has no clicks");
        taps.end();
        taps.start(120, true);
        taps.metronomeChanged(false);
        assertFalse(transport.metronome);
        taps.metronomeChanged(true);
        assertTrue(transport.metronome);
    }

    @Test
    void tapsAndFramesWhileTapIsOffDoNothing() {
        taps.tap(clock.get(), 100);
        assertFalse(taps.tick());
        assertTrue(view.calls.isEmpty());
        assertEquals(clock.get(), taps.now());
    }

    @Test
    void anotherOutputWhileCountingInOrTappingCountsInAgainThereAndFreeTappingGoesOn() {
        taps.start(100, true);
        long first = taps.recorder().downbeatNanos();
        taps.tap(first, 100);
        // the studio's adapter follows the player in use: here the same fake stands for the new output,
        // whose metronome is off when it takes over
        transport.metronome = false;
        clock.addAndGet(S / 3);
        assertTrue(taps.outputChanged());
        assertEquals(2, transport.countIns, "a fresh count-in on the new output");
        assertTrue(transport.metronome);
        assertEquals(100, transport.tempo);
        assertEquals(clock.get() + S, taps.recorder().downbeatNanos(), "the taps are timed from the new downbeat");
        assertEquals(0, taps.recorder().count(), "the taps timed from the old downbeat are dropped");
        assertEquals(0, view.shown.hitCount());
        assertTrue(view.status.startsWith("New output, taps dropped: Count-in"), view.status);
        assertTrue(taps.tick());
        assertTrue(view.status.startsWith("New output, taps dropped: Count-in"), "through the count-in: " + view.status);
        clock.set(taps.recorder().downbeatNanos());
        assertTrue(taps.tick());
        assertFalse(view.status.startsWith("New output"), "gone at the downbeat: " + view.status);

        taps.end();
        taps.start(120, false);
        taps.tap(5 * S, 100);
        assertFalse(taps.outputChanged(), "free taps do not hang on the player");
        assertEquals(1, taps.recorder().count());
        taps.end();
        assertFalse(taps.outputChanged(), "not tapping: nothing to do");
    }
}
