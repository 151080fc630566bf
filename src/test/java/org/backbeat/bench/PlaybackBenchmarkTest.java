package org.backbeat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backbeat.groove.Groove;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PlaybackBenchmarkTest {

    @Test
    void measuresEveryNoteOfTheLoops() throws Exception {
        Groove g = PlaybackBenchmark.busyGroove();
        assertTrue(g.hitCount() > 100, g.hitCount() + " hits");
        // 960 qpm: two loops in 2 s
        PlaybackBenchmark.Result r = PlaybackBenchmark.run(g, 2, 960, null);
        assertEquals(2 * g.hitCount(), r.notes());
        assertTrue(r.p50Ms() <= r.p99Ms() && r.p99Ms() <= r.maxMs());
        assertTrue(r.meanMs() >= 0 && r.meanMs() <= r.maxMs());
        // lenient: CI machines are busy; the real figure comes from backbeat bench-playback
        assertTrue(r.p50Ms() < 20, "p50 " + r.p50Ms() + " ms");
        assertTrue(Double.isFinite(r.driftMs()));
        assertEquals(2, r.toMap().get("loops"));
    }
}
