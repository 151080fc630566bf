package org.backbeat.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KernelsTest {

    private static final int K = 37;
    private static final int N = 83; // not a multiple of any vector width: tails are exercised
    private static final int BATCH = 3;

    @Test
    void scalarAndVectorKernelsComputeTheSameProduct() {
        Kernels vector = Kernels.choose("vector");
        assumeTrue(!(vector instanceof Kernels.ScalarKernels), "jdk.incubator.vector is not in this JVM");
        float[][] ab = product(new Kernels.ScalarKernels());
        float[][] cd = product(vector);
        for (int i = 0; i < ab[0].length; i++) {
            assertEquals(ab[0][i], cd[0][i], 1e-4, "element " + i);
        }
        assertEquals(ab[1][0], cd[1][0], 1e-4);
    }

    @Test
    void tieredStartsOnTheScalarKernelAndSwitchesToTheVectorKernelOnceCompiled() throws InterruptedException {
        Kernels k = Kernels.choose("tiered");
        assumeTrue(k instanceof Kernels.Tiered, "jdk.incubator.vector is not in this JVM");
        Kernels.Tiered tiered = (Kernels.Tiered) k;
        assertInstanceOf(Kernels.ScalarKernels.class, tiered.forCall(), "a fresh tiered kernel computes on the scalar loop");
        assertTrue(tiered.awaitSwitch(60_000), "the vector kernel is warmed up and taken within a minute");
        Kernels after = tiered.forCall();
        assertSame(after, tiered.forCall());
        assertEquals("VectorKernels", after.getClass().getSimpleName());
        float[][] viaTiered = product(tiered);
        float[][] scalar = product(new Kernels.ScalarKernels());
        for (int i = 0; i < scalar[0].length; i++) {
            assertEquals(scalar[0][i], viaTiered[0][i], 1e-4, "element " + i);
        }
    }

    @Test
    void theVectorKernelIsRightForEveryBatchSizeShapeAndTail() {
        Kernels vector = Kernels.choose("vector");
        assumeTrue(!(vector instanceof Kernels.ScalarKernels), "jdk.incubator.vector is not in this JVM");
        SplittableRandom r = new SplittableRandom(11);
        for (int batch = 1; batch <= 12; batch++) {
            for (int[] kn : new int[][] {{27, 83}, {64, 80}, {70, 37}, {130, 1024 + 9}}) {
                int k = kn[0];
                int n = kn[1];
                int xStride = k + 3; // rows need not be packed
                int yStride = n + 5;
                float[] x = random(r, batch * xStride, 5);
                float[] w = random(r, k * n, 0);
                float[] y = new float[batch * yStride];
                for (int i = 0; i < y.length; i++) {
                    y[i] = (float) r.nextDouble(); // the kernel adds to y
                }
                float[] expected = y.clone();
                vector.matmulAdd(x, 0, xStride, batch, k, w, n, y, 0, yStride);
                for (int b = 0; b < batch; b++) {
                    for (int j = 0; j < n; j++) {
                        double d = expected[b * yStride + j];
                        for (int kk = 0; kk < k; kk++) {
                            d += x[b * xStride + kk] * w[kk * n + j];
                        }
                        assertEquals(d, y[b * yStride + j], 1e-3, "batch " + batch + " k " + k + " n " + n + " row " + b + " col " + j);
                    }
                    for (int j = n; j < yStride && b * yStride + j < y.length; j++) {
                        assertEquals(expected[b * yStride + j], y[b * yStride + j], "padding between rows is untouched");
                    }
                }
            }
        }
    }

    @Test
    void scalarIsChosenWhenAsked() {
        assertInstanceOf(Kernels.ScalarKernels.class, Kernels.choose("scalar"));
    }

    /** Uniform in [-0.5, 0.5), one value in {@code zeroEvery} zero on average (0: none). */
    private static float[] random(SplittableRandom r, int n, int zeroEvery) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = zeroEvery > 0 && r.nextInt(zeroEvery) == 0 ? 0f : (float) (r.nextDouble() - 0.5);
        }
        return a;
    }

    /** y = x · w for a random x (with zeros, which the kernels skip) and w; plus a checksum. */
    private static float[][] product(Kernels k) {
        SplittableRandom r = new SplittableRandom(7);
        float[] x = random(r, BATCH * K, 4);
        float[] w = random(r, K * N, 0);
        float[] y = new float[BATCH * N];
        k.matmulAdd(x, 0, K, BATCH, K, w, N, y, 0, N);
        float sum = 0;
        for (float v : y) {
            sum += v;
        }
        // and against the definition
        for (int b = 0; b < BATCH; b++) {
            for (int j = 0; j < N; j++) {
                double d = 0;
                for (int kk = 0; kk < K; kk++) {
                    d += x[b * K + kk] * w[kk * N + j];
                }
                assertEquals(d, y[b * N + j], 1e-4);
            }
        }
        return new float[][] {y, {sum}};
    }

    @Test
    void theVectorCellAgreesWithTheScalarCellAndNoUnitDependsOnItsPlace() {
        Kernels vector = Kernels.choose("vector");
        assumeTrue(!(vector instanceof Kernels.ScalarKernels), "jdk.incubator.vector is not in this JVM");
        SplittableRandom r = new SplittableRandom(6);
        int width = 37; // a partial last vector on every width
        int wide = 64;
        float[] gates = new float[4 * width];
        float[] gatesWide = new float[4 * wide];
        float[] c0 = new float[wide];
        for (int j = 0; j < wide; j++) {
            c0[j] = (float) (r.nextDouble() * 4 - 2);
            for (int gate = 0; gate < 4; gate++) {
                float v = j == 3 ? (gate % 2 == 0 ? 90f : -90f) : (float) (r.nextGaussian() * 4); // saturated too
                gatesWide[gate * wide + j] = v;
                if (j < width) {
                    gates[gate * width + j] = v;
                }
            }
        }
        float[] cScalar = c0.clone();
        float[] hScalar = new float[wide];
        new Kernels.ScalarKernels().cell(gates, 0, width, cScalar, 0, hScalar, 0);
        float[] cVector = c0.clone();
        float[] hVector = new float[wide];
        vector.cell(gates, 0, width, cVector, 0, hVector, 0);
        float[] cWide = c0.clone();
        float[] hWide = new float[wide];
        vector.cell(gatesWide, 0, wide, cWide, 0, hWide, 0);
        for (int j = 0; j < width; j++) {
            assertEquals(cScalar[j], cVector[j], 1e-6, "c of unit " + j);
            assertEquals(hScalar[j], hVector[j], 1e-6, "h of unit " + j);
            assertEquals(Float.floatToRawIntBits(hWide[j]), Float.floatToRawIntBits(hVector[j]),
                "unit " + j + " in a masked last vector as in a whole one");
            assertEquals(Float.floatToRawIntBits(cWide[j]), Float.floatToRawIntBits(cVector[j]), "c of unit " + j);
        }
        for (int j = width; j < wide; j++) {
            assertEquals(0f, hVector[j], "nothing written past the width");
            assertEquals(c0[j], cVector[j]);
        }
    }
}
