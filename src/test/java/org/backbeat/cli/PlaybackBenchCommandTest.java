package org.backbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.backbeat.bench.PlaybackBenchmark;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.Models;
import org.junit.jupiter.api.Test;

class PlaybackBenchCommandTest {

    @Test
    void playsWhileTheModelDecodesBatchesOnTwoThreads() throws Exception {
        int before = FastGrooveModel.threads();
        try {
            // 480 qpm: one loop in 2 s; the shipped model decodes batches of 8 meanwhile
            InspectCommandTest.Run r = InspectCommandTest.run("bench-playback", "--loops", "1", "--bpm", "480",
                "--while", "batch", "--threads", "2", "--model", Models.defaultModelPath().toString(), "--json");
            assertEquals(0, r.code(), r.err());
            JsonNode j = new ObjectMapper().readTree(r.out());
            // a note more than a step late on a saturated machine falls past the measured loop
            int notes = j.get("notes").asInt();
            int hits = PlaybackBenchmark.busyGroove().hitCount();
            assertTrue(notes <= hits && notes >= hits - 3, notes + " of " + hits + " notes measured");
            assertEquals("batch", j.get("while").asText());
            assertEquals(2, j.get("threads").asInt());
            assertTrue(j.get("decodeCallsPerS").asDouble() > 0, r.out());
        } finally {
            FastGrooveModel.setThreads(before);
        }
    }

    @Test
    void anUnknownLoadIsRefusedInOneLine() {
        InspectCommandTest.Run r = InspectCommandTest.run("bench-playback", "--while", "training");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--while must be none, drag or batch (got 'training')"), r.err());
    }
}
