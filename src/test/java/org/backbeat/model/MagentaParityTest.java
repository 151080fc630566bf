package org.backbeat.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.backbeat.TestData;
import org.backbeat.groove.Groove;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Backbeat reproduces what Magenta.js computes from the same GrooVAE checkpoint. */
class MagentaParityTest {

    static final Path FIXTURES = TestData.shared().resolve("fixtures/magenta-groovae");
    static FastGrooveModel model;

    @BeforeAll
    static void load() throws Exception {
        if (Files.isDirectory(FIXTURES.resolve("checkpoint"))) {
            model = new FastGrooveModel(MagentaImporter.importCheckpoint(FIXTURES.resolve("checkpoint")));
        }
    }

    /**
     * Per test, not in {@code @BeforeAll}: an assumption there aborts the class before any test
     * starts, and Surefire reported it as "Tests run: 0, Skipped: 0" instead of skipped.
     */
    @BeforeEach
    void needsTheFixtures() {
        assumeTrue(model != null, "Magenta.js fixtures not found at " + FIXTURES + ": skipping");
    }

    static float[] flat(JsonNode rows) {
        float[] out = new float[64 * 27];
        for (int s = 0; s < 64; s++) {
            for (int f = 0; f < 27; f++) {
                out[s * 27 + f] = (float) rows.get(s).get(f).asDouble();
            }
        }
        return out;
    }

    static float[] vector(JsonNode v) {
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) v.get(i).asDouble();
        }
        return out;
    }

    @Test
    void importedShapesMatchGroovae4Bar() {
        ModelConfig c = model.config();
        assertEquals(512, c.encoderSize());
        assertEquals(256, c.zSize());
        assertEquals(List.of(256, 256), c.decoderSizes());
        assertEquals(4_085_019 - 0, model.stored().weights().parameterCount());
    }

    @Test
    void teacherForcedDecoderLogitsMatch() throws Exception {
        JsonNode cases = new ObjectMapper().readTree(FIXTURES.resolve("decode.json").toFile()).path("cases");
        double worst = 0;
        List<float[]> zs = new ArrayList<>();
        float[][] teacher = new float[cases.size()][];
        for (int i = 0; i < cases.size(); i++) {
            zs.add(vector(cases.get(i).path("z")));
            teacher[i] = flat(cases.get(i).path("output"));
        }
        FastGrooveModel.DecodeResult r = model.decodeDetailed(zs, 0, 0, teacher);
        for (int i = 0; i < cases.size(); i++) {
            float[] expected = flat(cases.get(i).path("logits"));
            for (int k = 0; k < expected.length; k++) {
                worst = Math.max(worst, Math.abs(expected[k] - r.logits()[i][k]));
            }
        }
        System.out.println("decode.json teacher-forced max |logit diff| = " + worst);
        assertTrue(worst < 1e-4, "max logit difference " + worst);
    }

    @Test
    void freeRunningHitsAndOutputsMatch() throws Exception {
        for (String fixture : List.of("decode.json", "interpolate.json")) {
            JsonNode cases = new ObjectMapper().readTree(FIXTURES.resolve(fixture).toFile()).path("cases");
            List<float[]> zs = new ArrayList<>();
            for (JsonNode c : cases) {
                zs.add(vector(c.path("z")));
            }
            FastGrooveModel.DecodeResult r = model.decodeDetailed(zs, 0, 0, null);
            double worst = 0;
            for (int i = 0; i < cases.size(); i++) {
                float[] expected = flat(cases.get(i).path("output"));
                for (int s = 0; s < 64; s++) {
                    for (int f = 0; f < 27; f++) {
                        float e = expected[s * 27 + f];
                        float a = r.outputs()[i][s * 27 + f];
                        if (f < 9) {
                            assertEquals(e, a, fixture + " case " + i + " hit at step " + s + " class " + f);
                        } else {
                            worst = Math.max(worst, Math.abs(e - a));
                        }
                    }
                }
                assertEquals(cases.get(i).path("numHits").asInt(),
                    Groove.fromTensor(rows(r.outputs()[i]), 120).hitCount(), fixture + " case " + i);
            }
            System.out.println(fixture + " free-running max |velocity/offset diff| = " + worst);
            assertTrue(worst < 1e-4, fixture + ": " + worst);
        }
    }

    @Test
    void encoderMeansMatch() throws Exception {
        JsonNode cases = new ObjectMapper().readTree(FIXTURES.resolve("encode.json").toFile()).path("cases");
        float[][] inputs = new float[cases.size()][];
        for (int i = 0; i < cases.size(); i++) {
            inputs[i] = flat(cases.get(i).path("inputTensor"));
        }
        List<LatentCode> codes = model.encodeTensors(inputs);
        double worst = 0;
        for (int i = 0; i < cases.size(); i++) {
            float[] z = vector(cases.get(i).path("z"));
            for (int k = 0; k < z.length; k++) {
                worst = Math.max(worst, Math.abs(z[k] - codes.get(i).mean()[k]));
            }
        }
        System.out.println("encode.json max |mu diff| = " + worst);
        assertTrue(worst < 1e-4, "max mu difference " + worst);
    }

    static float[][] rows(float[] flat) {
        float[][] r = new float[64][27];
        for (int s = 0; s < 64; s++) {
            System.arraycopy(flat, s * 27, r[s], 0, 27);
        }
        return r;
    }
}
