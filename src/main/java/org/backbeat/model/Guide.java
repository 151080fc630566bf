package org.backbeat.model;

/**
 * Decoding near a groove that is known: the decoder's input at step t is
 * {@code feedback * (its own output at t - 1) + (1 - feedback) * inputs[t]}, where {@code inputs}
 * are the inputs that groove's decode saw ({@link Decoded#inputs()}). At feedback 0 a hit that
 * flips does not feed back, so a small move in z changes only the hits whose own probability
 * crossed their draw, instead of every later step of the loop; at feedback 1 this is the plain
 * autoregressive decode. With the groove's own z and sampling, feedback 0 decodes it exactly.
 *
 * @param inputs   64 x 27 inputs, row-major (step 0 is zeros)
 * @param feedback in [0, 1]
 */
public record Guide(float[] inputs, double feedback) {

    public Guide {
        if (inputs == null || inputs.length != org.backbeat.groove.Groove.STEPS * org.backbeat.groove.Groove.FEATURES) {
            throw new IllegalArgumentException("a guide needs 64 x 27 inputs");
        }
        if (!(feedback >= 0 && feedback <= 1)) {
            throw new IllegalArgumentException("feedback must be in [0, 1], got " + feedback);
        }
    }
}
