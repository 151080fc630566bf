package org.backbeat.train;

/**
 * The training engines, by the name {@code backbeat train --engine} takes. Both compute the same
 * math (docs/model.md); {@link #BACKPROP} is the default.
 */
public enum Engine {
    /** The hand-derived forward/backward pass on OpenBLAS, both cores ({@link BackpropEngine}). */
    BACKPROP,
    /** The SameDiff graph ({@link GrooveGraph}): the reference, and the GPU path of {@code -Pcuda}. */
    SAMEDIFF;

    /** The name the CLI and model cards use. */
    public String label() {
        return name().toLowerCase();
    }
}
