package org.backbeat.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.backbeat.bench.TestGrooves;
import org.backbeat.groove.DrumMapping;
import org.backbeat.groove.Groove;
import org.junit.jupiter.api.Test;

class FastGrooveModelTest {

    static final ModelConfig HIER = new ModelConfig(12, 8, DecoderType.HIERARCHICAL, List.of(10), 6, DrumMapping.ROLAND);
    static final FastGrooveModel MODEL = new FastGrooveModel(ModelFileTest.TINY, ModelInitializer.random(ModelFileTest.TINY, 3));

    @Test
    void theModelsFileIsThereForTheStudiosNameAndCardWithoutATestOfItsClass() {
        GrooveModel m = MODEL;
        assertEquals(MODEL.card(), m.file().orElseThrow().card());
        assertEquals(MODEL.config(), m.file().orElseThrow().config());
    }

    @Test
    void batchedDecodeEqualsOneByOne() {
        List<float[]> zs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            float[] z = new float[8];
            for (int k = 0; k < 8; k++) {
                z[k] = (float) Math.sin(i * 3 + k);
            }
            zs.add(z);
        }
        for (FastGrooveModel m : List.of(MODEL, new FastGrooveModel(HIER, ModelInitializer.random(HIER, 4)))) {
            FastGrooveModel.DecodeResult batch = m.decodeDetailed(zs, 0, 0, null);
            for (int i = 0; i < zs.size(); i++) {
                FastGrooveModel.DecodeResult one = m.decodeDetailed(List.of(zs.get(i)), 0, 0, null);
                for (int k = 0; k < one.logits()[0].length; k++) {
                    assertEquals(one.logits()[0][k], batch.logits()[i][k], 1e-5);
                }
            }
        }
    }

    @Test
    void samplingIsSeededAndTemperatureMatters() {
        List<Groove> a = MODEL.sample(3, 1.0, 42);
        assertEquals(a, MODEL.sample(3, 1.0, 42));
        assertNotEquals(a, MODEL.sample(3, 1.0, 43));
        // temperature 0 is deterministic whatever the seed
        float[] z = new float[8];
        assertEquals(MODEL.decode(List.of(z), 0, 1, 120), MODEL.decode(List.of(z), 0, 2, 120));
    }

    @Test
    void interpolationEndsAtTheReconstructions() {
        Groove a = TestGrooves.rock();
        Groove b = TestGrooves.funk();
        List<Groove> path = MODEL.interpolate(a, b, 5, Interpolation.SPHERICAL);
        assertEquals(5, path.size());
        assertEquals(MODEL.decode(MODEL.encode(a).mean(), 0, 0).withQpm(a.qpm()), path.get(0));
        assertEquals(MODEL.decode(MODEL.encode(b).mean(), 0, 0).withQpm(b.qpm()), path.get(4));
        assertEquals((a.qpm() + b.qpm()) / 2, path.get(2).qpm(), 1e-9);
    }

    @Test
    void slerpKeepsTheNormBetweenOrthogonalPoints() {
        float[] a = {1, 0};
        float[] b = {0, 1};
        float[] mid = Latent.slerp(a, b, 0.5);
        assertEquals(1.0, Latent.norm(mid), 1e-6);
        assertEquals(Math.sqrt(0.5), Latent.norm(Latent.lerp(a, b, 0.5)), 1e-6);
        assertArrayEquals(a, Latent.slerp(a, b, 0), 1e-6f);
        assertArrayEquals(b, Latent.slerp(a, b, 1), 1e-6f);
    }

    @Test
    void batchedEncodeEqualsOneByOneAndTellsGroovesApart() {
        List<Groove> grooves = List.of(TestGrooves.rock(), TestGrooves.funk(), Groove.empty(120));
        List<LatentCode> batch = MODEL.encode(grooves);
        for (int i = 0; i < grooves.size(); i++) {
            LatentCode one = MODEL.encode(grooves.get(i));
            assertArrayEquals(one.mean(), batch.get(i).mean(), 1e-5f, "mean of groove " + i);
            assertArrayEquals(one.sigma(), batch.get(i).sigma(), 1e-5f, "sigma of groove " + i);
        }
        // the encoder reads its input: different grooves get different posteriors
        assertFalse(Arrays.equals(batch.get(0).mean(), batch.get(1).mean()));
        assertFalse(Arrays.equals(batch.get(0).sigma(), batch.get(1).sigma()));
        assertFalse(Arrays.equals(batch.get(1).mean(), batch.get(2).mean()));
    }
}
