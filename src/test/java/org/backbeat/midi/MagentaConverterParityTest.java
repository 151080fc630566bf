package org.backbeat.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backbeat.groove.DrumMapping;
import org.backbeat.groove.Groove;
import org.junit.jupiter.api.Test;

/**
 * Backbeat's reader against Magenta.js' GrooveConverter: each encode.json case's notes, written
 * as a MIDI file, must give exactly the case's input tensor (offsets to the tick resolution).
 */
class MagentaConverterParityTest {

    private static final int PPQ = 9600;

    static Path fixtures() {
        return Path.of(System.getProperty("backbeat.shared", "../shared"), "fixtures", "magenta-groovae");
    }

    @Test
    void readerReproducesMagentaInputTensors() throws Exception {
        Path file = fixtures().resolve("encode.json");
        assumeTrue(Files.exists(file), "Magenta.js fixtures not found at " + file + ": skipping parity");
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        for (JsonNode c : root.path("cases")) {
            double qpm = c.path("effectiveQpm").asDouble();
            byte[] midi = toMidi(c.path("noteSequence").path("notes"), qpm);
            MidiScan scan = MidiFiles.scan(midi, c.path("name").asText(), ReadOptions.userImport().withMapping(DrumMapping.MAGENTA_JS));
            String name = c.path("name").asText("case");
            List<Groove> windows = scan.windows();
            float[][] actual = windows.isEmpty() ? Groove.empty(qpm).toTensor() : windows.get(0).toTensor();
            JsonNode expected = c.path("inputTensor");
            for (int s = 0; s < 64; s++) {
                for (int f = 0; f < 27; f++) {
                    double e = expected.get(s).get(f).asDouble();
                    double tol = f < 18 ? 1e-6 : 1e-3;
                    assertEquals(e, actual[s][f], tol, name + " step " + s + " feature " + f);
                }
            }
        }
    }

    private static long tickOf(JsonNode n, double qpm) {
        return Math.max(0, Math.round(n.path("startTime").asDouble() * qpm / 60.0 * PPQ));
    }

    /** One track at PPQ 9600 with the case's tempo; note-ons on channel 10 in note order. */
    private static byte[] toMidi(JsonNode notes, double qpm) {
        ByteArrayOutputStream ev = new ByteArrayOutputStream();
        int us = (int) Math.round(60_000_000.0 / qpm);
        ev.writeBytes(new byte[] {0, (byte) 0xFF, 0x51, 3, (byte) (us >> 16), (byte) (us >> 8), (byte) us});
        long prev = 0;
        long last = 0;
        // MIDI files are in time order; a stable sort keeps the fixture's order among equal times
        java.util.List<JsonNode> sorted = new java.util.ArrayList<>();
        notes.forEach(sorted::add);
        sorted.sort(java.util.Comparator.comparingLong(n -> tickOf(n, qpm)));
        for (JsonNode n : sorted) {
            long tick = tickOf(n, qpm);
            long delta = tick - prev;
            ev.writeBytes(SmfBytes.vlq(delta));
            ev.writeBytes(new byte[] {(byte) 0x99, (byte) n.path("pitch").asInt(), (byte) Math.min(127, n.path("velocity").asInt())});
            prev = prev + delta;
            last = Math.max(last, prev);
        }
        // keep the music at least 4 bars long so the window exists
        long fourBars = 16L * PPQ;
        if (last < fourBars - PPQ / 4) {
            ev.writeBytes(SmfBytes.vlq(fourBars - PPQ / 4 - prev));
            ev.writeBytes(new byte[] {(byte) 0xFF, 0x01, 0});
        }
        ev.writeBytes(SmfBytes.endOfTrack());
        return SmfBytes.file(0, PPQ, List.of(ev.toByteArray()));
    }
}
