package org.backbeat.groove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.backbeat.TestData;
import org.junit.jupiter.api.Test;

/**
 * The humanize and tapify transformations against what Magenta.js 1.23.1's GrooveConverter
 * computes for the four grooves of encode.json (transforms.json): bit for bit.
 */
class GrooveTransformsTest {

    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static JsonNode fixture(String name) throws Exception {
        Path file = TestData.shared().resolve("fixtures/magenta-groovae").resolve(name);
        assumeTrue(Files.exists(file), file + " not found: skipping the Magenta.js transforms parity");
        return JSON.readTree(file.toFile());
    }

    /** The fixture's float32, exactly (the JSON holds the shortest decimal that parses back to it). */
    private static float f32(JsonNode n) {
        return Float.parseFloat(n.asText());
    }

    private static void assertTensor(String what, JsonNode expected, float[][] actual) {
        assertEquals(64, expected.size(), what);
        for (int s = 0; s < 64; s++) {
            for (int f = 0; f < 27; f++) {
                assertEquals(f32(expected.get(s).get(f)), actual[s][f], 0f, what + " step " + s + " feature " + f);
            }
        }
    }

    private static Groove plain(JsonNode encodeCase) {
        JsonNode t = encodeCase.path("inputTensor");
        float[][] rows = new float[64][27];
        for (int s = 0; s < 64; s++) {
            for (int f = 0; f < 27; f++) {
                rows[s][f] = f32(t.get(s).get(f));
            }
        }
        return Groove.fromTensor(rows, encodeCase.path("effectiveQpm").asDouble());
    }

    @Test
    void humanizeInputIsMagentaJsHumanizeTensorForEveryCase() throws Exception {
        JsonNode encode = fixture("encode.json");
        JsonNode transforms = fixture("transforms.json");
        assertEquals(4, transforms.path("cases").size());
        for (int i = 0; i < 4; i++) {
            JsonNode c = transforms.path("cases").get(i);
            assertEquals(encode.path("cases").get(i).path("name").asText(), c.path("name").asText());
            Groove g = plain(encode.path("cases").get(i));
            assertTensor(c.path("name").asText() + " humanize", c.path("humanizeInput"),
                GrooveTransforms.humanizeInput(g).toTensor());
        }
    }

    @Test
    void tapifyOfNotesIsMagentaJsTapifyTensorForEveryCase() throws Exception {
        JsonNode encode = fixture("encode.json");
        JsonNode transforms = fixture("transforms.json");
        for (int i = 0; i < 4; i++) {
            JsonNode e = encode.path("cases").get(i);
            List<GrooveTransforms.Onset> notes = new ArrayList<>();
            for (JsonNode n : e.path("noteSequence").path("notes")) {
                notes.add(new GrooveTransforms.Onset(n.path("startTime").asDouble(), n.path("velocity").asInt()));
            }
            JsonNode c = transforms.path("cases").get(i);
            assertTensor(c.path("name").asText() + " tapify", c.path("tapifyInput"),
                GrooveTransforms.tapify(notes, e.path("effectiveQpm").asDouble()).toTensor());
        }
    }

    /**
     * The groove form (what training and the studio use) agrees with Magenta.js wherever a groove
     * holds the same information: the rock and the real GMD grooves have only mapped pitches and no
     * cross-class velocity ties. The funk case differs on purpose: its unmapped pitch 22 is a tap
     * for Magenta.js but is not in the groove.
     */
    @Test
    void tapifyOfAGrooveMatchesMagentaJsWhereTheGrooveHoldsEveryNote() throws Exception {
        JsonNode encode = fixture("encode.json");
        JsonNode transforms = fixture("transforms.json");
        for (int i : new int[] {1, 3}) {
            JsonNode c = transforms.path("cases").get(i);
            Groove g = plain(encode.path("cases").get(i));
            assertTensor(c.path("name").asText() + " tapify of the groove", c.path("tapifyInput"),
                GrooveTransforms.tapify(g).toTensor());
        }
    }

    @Test
    void theLoudestHitOfAStepGivesTheTapItsTimingAndTheLowerClassWinsATie() {
        Groove g = Groove.empty(100)
            .withCell(5, DrumClass.KICK.ordinal(), true, 0.4f, 0.2f)
            .withCell(5, DrumClass.RIDE.ordinal(), true, 0.9f, -0.3f)
            .withCell(9, DrumClass.SNARE.ordinal(), true, 0.5f, 0.1f)
            .withCell(9, DrumClass.CRASH.ordinal(), true, 0.5f, 0.4f);
        Groove taps = GrooveTransforms.tapify(g);
        assertEquals(2, taps.hitCount());
        assertTrue(taps.hit(5, DrumClass.OPEN_HIHAT));
        assertEquals(-0.3f, taps.offset(5, GrooveTransforms.TAP_CHANNEL), 0f);
        assertEquals(0f, taps.velocity(5, GrooveTransforms.TAP_CHANNEL), 0f);
        assertEquals(0.1f, taps.offset(9, GrooveTransforms.TAP_CHANNEL), 0f);
        assertEquals(100, taps.qpm());
        assertFalse(taps.hit(5, DrumClass.RIDE));
    }

    @Test
    void theInPlaceFormsTransformOnlyTheirOwnWindow() {
        Groove a = TestData.busyGroove(1);
        Groove b = TestData.busyGroove(2);
        float[] flat = new float[2 * 64 * 27];
        a.toTensor(flat, 0);
        b.toTensor(flat, 64 * 27);
        GrooveTransforms.tapifyInPlace(flat, 64 * 27);
        float[] expectA = new float[64 * 27];
        a.toTensor(expectA, 0);
        float[] expectB = new float[64 * 27];
        GrooveTransforms.tapify(b).toTensor(expectB, 0);
        assertTrue(java.util.Arrays.equals(expectA, java.util.Arrays.copyOfRange(flat, 0, 64 * 27)));
        assertTrue(java.util.Arrays.equals(expectB, java.util.Arrays.copyOfRange(flat, 64 * 27, 2 * 64 * 27)));
        GrooveTransforms.humanizeInPlace(flat, 0);
        Groove h = GrooveTransforms.humanizeInput(a);
        assertEquals(a.hitCount(), h.hitCount());
        float[] expectH = new float[64 * 27];
        h.toTensor(expectH, 0);
        assertTrue(java.util.Arrays.equals(expectH, java.util.Arrays.copyOfRange(flat, 0, 64 * 27)));
    }
}
