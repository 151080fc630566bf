package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.backbeat.TestData;
import org.backbeat.groove.Groove;
import org.backbeat.model.LatentDirection;
import org.junit.jupiter.api.Test;

class LatentAnalysisTest {

    /** Synthetic codes: axis 0 carries the hit count, axis 1 the loudness, the rest is small noise. */
    private static List<float[]> codes(List<Groove> grooves, Random r) {
        List<float[]> zs = new ArrayList<>();
        for (Groove g : grooves) {
            float[] z = new float[6];
            z[0] = (float) (g.hitCount() / 20.0);
            z[1] = (float) (LatentAnalysis.meanVelocity(g) * 4);
            for (int i = 2; i < 6; i++) {
                z[i] = (float) (0.05 * r.nextGaussian());
            }
            zs.add(z);
        }
        return zs;
    }

    @Test
    void attributeVectorsPointAlongTheAxisThatCarriesTheAttribute() {
        Random r = new Random(3);
        List<Groove> grooves = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Groove g = TestData.busyGroove(i);
            // vary loudness independently of density
            float scale = 0.3f + 0.7f * r.nextFloat();
            for (int s = 0; s < Groove.STEPS; s++) {
                for (int c = 0; c < Groove.CLASSES; c++) {
                    if (g.hit(s, c)) {
                        g = g.withCell(s, c, true, g.velocity(s, c) * scale, g.offset(s, c));
                    }
                }
            }
            grooves.add(g);
        }
        List<float[]> zs = codes(grooves, r);
        List<LatentDirection> dirs = LatentAnalysis.directions(zs, grooves, 1);
        LatentDirection busier = dirs.stream().filter(d -> d.name().equals("Busier")).findFirst().orElseThrow();
        LatentDirection louder = dirs.stream().filter(d -> d.name().equals("Louder")).findFirst().orElseThrow();
        assertTrue(cosine(busier.vector(), 0) > 0.9, "busier is axis 0: " + cosine(busier.vector(), 0));
        assertTrue(cosine(louder.vector(), 1) > 0.9, "louder is axis 1: " + cosine(louder.vector(), 1));
        assertTrue(busier.scale() > 0, "spread along it is positive");
        double spread0 = std(zs, 0);
        assertEquals(spread0, busier.scale(), spread0 * 0.15, "scale is the data's spread along the direction");
    }

    @Test
    void principalComponentsFindTheDominantAxisWithItsSpread() {
        Random r = new Random(5);
        List<float[]> zs = new ArrayList<>();
        List<Groove> grooves = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            zs.add(new float[] {(float) (0.1 * r.nextGaussian()), (float) (2 * r.nextGaussian()),
                (float) (0.5 * r.nextGaussian())});
            grooves.add(Groove.empty(120)); // no attribute varies: only components come out
        }
        List<LatentDirection> dirs = LatentAnalysis.directions(zs, grooves, 1);
        assertEquals("Variation 1", dirs.get(0).name(), "attributes that do not vary are left out");
        assertTrue(cosine(dirs.get(0).vector(), 1) > 0.99);
        assertEquals(2.0, dirs.get(0).scale(), 0.2);
        assertTrue(cosine(dirs.get(1).vector(), 2) > 0.99);
        assertEquals(0.5, dirs.get(1).scale(), 0.06);
    }

    private static double cosine(float[] v, int axis) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        return v[axis] / Math.sqrt(n);
    }

    private static double std(List<float[]> zs, int axis) {
        double s = 0;
        double q = 0;
        for (float[] z : zs) {
            s += z[axis];
            q += z[axis] * z[axis];
        }
        double m = s / zs.size();
        return Math.sqrt(q / zs.size() - m * m);
    }
}
