package org.backbeat.data;

import org.backbeat.groove.Groove;

/**
 * Windows as one flat float array, {@code count x 64 x 27} row-major in {@link Groove#toTensor()}
 * layout, ready for the trainer's batches.
 */
public record WindowTensors(float[] data, double[] qpm, int count) {

    public static final int WINDOW_FLOATS = Groove.STEPS * Groove.FEATURES;

    public static WindowTensors of(java.util.List<Groove> grooves) {
        float[] data = new float[grooves.size() * WINDOW_FLOATS];
        double[] qpm = new double[grooves.size()];
        for (int i = 0; i < grooves.size(); i++) {
            grooves.get(i).toTensor(data, i * WINDOW_FLOATS);
            qpm[i] = grooves.get(i).qpm();
        }
        return new WindowTensors(data, qpm, grooves.size());
    }
}
