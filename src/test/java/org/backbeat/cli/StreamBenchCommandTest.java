package org.backbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.backbeat.model.StreamProbe;
import org.junit.jupiter.api.Test;

class StreamBenchCommandTest {

    @Test
    void readsAndKernelPassesOnOneAndTwoThreadsGivePositiveRates() throws Exception {
        List<StreamProbe.Rate> rates = StreamProbe.run(16, 64, 3);
        assertEquals(4, rates.size());
        assertEquals(List.of(1, 1, 2, 2), rates.stream().map(StreamProbe.Rate::threads).toList());
        for (StreamProbe.Rate r : rates) {
            assertTrue(r.medianGBs() > 0 && r.bestGBs() >= r.medianGBs(), r.toString());
        }
        InspectCommandTest.Run run = InspectCommandTest.run("bench-stream", "--rows", "16", "--columns", "64",
            "--passes", "3");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("16 x 64 floats = 0.0 MB per thread"), run.out());
        assertEquals(6, run.out().lines().count(), run.out());
        assertEquals(2, InspectCommandTest.run("bench-stream", "--passes", "0").code());
    }
}
