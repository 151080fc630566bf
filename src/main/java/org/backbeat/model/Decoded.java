package org.backbeat.model;

import org.backbeat.groove.Groove;

/**
 * A decoded groove and the inputs its decode saw at each step (64 x 27, row-major), for
 * decoding its neighbours with a {@link Guide}.
 */
public record Decoded(Groove groove, float[] inputs) {
}
