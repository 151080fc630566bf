package org.backbeat.model;

/** A groove's posterior: mean and standard deviation of z. */
public record LatentCode(float[] mean, float[] sigma) {
    public LatentCode {
        if (mean.length != sigma.length) {
            throw new IllegalArgumentException("mean and sigma differ in size");
        }
    }
}
