package org.backbeat.train;

import java.util.Arrays;

/**
 * One LSTM layer run over a sequence, forward and backward through time, for the hand-derived
 * engine: the layout and order of cuDNN's and oneDNN's RNN kernels. The caller fills
 * {@link #gates} with the input projection of every step (one product over all T·B rows); the run
 * adds one recurrent product per step and does the cell's element-wise work in one fused pass
 * ({@link Fused}); backward, the recurrent weight's gradient is one product over all steps.
 *
 * <p>Rows are time-major: step t, example b is row {@code t * batch + b}. The sequence is cut into
 * {@code segments} of equal length, each starting from its own initial state (the hierarchical
 * decoder's bars; one segment elsewhere), optionally with its own constant term added to the gates
 * at every step (the decoder's conditioning on z or the bar embedding). {@code reverse} runs each
 * segment from its last step to its first (the encoder's backward direction).
 *
 * <p>Buffers are sized once for a batch shape and reused; nothing is allocated per step.
 */
final class LstmRun {

    final int hidden;
    final int capacity;
    /** Examples in use (at most the capacity the buffers were sized for); rows are packed at this batch. */
    int batch;
    final int steps;
    final int segments;
    final boolean reverse;
    private final int segLen;

    /** [steps·B, 4H]: the input projection in; activated gates after forward; dL/d(pre-activation) after backward. */
    final float[] gates;
    /** [steps·B, H] cell state, tanh of it, and the output h per step. */
    final float[] c;
    final float[] tc;
    final float[] h;
    /** Initial states per segment [B·H], null = zeros (no gradient then). */
    final float[][] h0;
    final float[][] c0;
    /** After backward: the gradients into the initial states (where those are not null). */
    final float[][] dh0;
    final float[][] dc0;

    private final float[] rec;
    private final float[] dhRec;
    private final float[] dc;
    private final float[] hPrev;

    LstmRun(int hidden, int batch, int steps, int segments, boolean reverse, boolean initialStates) {
        if (steps % segments != 0) {
            throw new IllegalArgumentException(steps + " steps do not split into " + segments + " segments");
        }
        this.hidden = hidden;
        this.capacity = batch;
        this.batch = batch;
        this.steps = steps;
        this.segments = segments;
        this.reverse = reverse;
        this.segLen = steps / segments;
        int rows = steps * batch;
        gates = new float[rows * 4 * hidden];
        c = new float[rows * hidden];
        tc = new float[rows * hidden];
        h = new float[rows * hidden];
        hPrev = new float[rows * hidden];
        h0 = new float[segments][];
        c0 = new float[segments][];
        dh0 = new float[segments][];
        dc0 = new float[segments][];
        if (initialStates) {
            for (int s = 0; s < segments; s++) {
                h0[s] = new float[batch * hidden];
                c0[s] = new float[batch * hidden];
                dh0[s] = new float[batch * hidden];
                dc0[s] = new float[batch * hidden];
            }
        }
        rec = new float[batch * 4 * hidden];
        dhRec = new float[batch * hidden];
        dc = new float[batch * hidden];
    }

    void setBatch(int n) {
        if (n > capacity) {
            throw new IllegalArgumentException(n + " examples for buffers of " + capacity);
        }
        batch = n;
    }

    /** The time index of the {@code s}-th step processed in segment {@code seg}. */
    int time(int seg, int s) {
        return seg * segLen + (reverse ? segLen - 1 - s : s);
    }

    int segmentLength() {
        return segLen;
    }

    /** Row offset of step t's h (or c) block. */
    int stateOffset(int t) {
        return t * batch * hidden;
    }

    int gateOffset(int t) {
        return t * batch * 4 * hidden;
    }

    /**
     * Forward over all steps; {@link #gates} holds the input projections on entry.
     *
     * @param add per segment [B, 4H] added to the gates at every step of it, or null
     */
    void forward(Blas blas, Blas.Resident wr, float[][] add) {
        int hs = hidden;
        for (int seg = 0; seg < segments; seg++) {
            for (int s = 0; s < segLen; s++) {
                int t = time(seg, s);
                float[] prevH;
                int prevHOff;
                float[] prevC;
                int prevCOff;
                if (s == 0) {
                    prevH = h0[seg];
                    prevC = c0[seg];
                    prevHOff = 0;
                    prevCOff = 0;
                } else {
                    int tp = time(seg, s - 1);
                    prevH = h;
                    prevC = c;
                    prevHOff = stateOffset(tp);
                    prevCOff = stateOffset(tp);
                }
                float[] r = null;
                if (prevH != null) {
                    blas.mul(prevH, prevHOff, batch, hs, wr, false, null, rec, 0, Blas.Into.SET);
                    r = rec;
                }
                Fused.lstmForward(batch, hs, gates, gateOffset(t), r, add == null ? null : add[seg], 0, prevC, prevCOff,
                    c, tc, h, stateOffset(t));
            }
        }
    }

    /**
     * Backward through time. On return {@link #gates} holds dL/d(gate pre-activations) of every
     * step, {@link #dh0}/{@link #dc0} the initial states' gradients, and {@code dWr} has the
     * recurrent weight's gradient added.
     *
     * @param dhOut [steps·B, H] gradient into each step's h from above, or null for none
     */
    void backward(Blas blas, Blas.Resident wr, float[] dhOut, float[] dWr) {
        int hs = hidden;
        for (int seg = 0; seg < segments; seg++) {
            Arrays.fill(dc, 0, batch * hs, 0f);
            boolean haveRec = false;
            for (int s = segLen - 1; s >= 0; s--) {
                int t = time(seg, s);
                float[] cPrev;
                int cPrevOff;
                if (s == 0) {
                    cPrev = c0[seg];
                    cPrevOff = 0;
                } else {
                    cPrev = c;
                    cPrevOff = stateOffset(time(seg, s - 1));
                }
                Fused.lstmBackward(batch, hs, gates, gateOffset(t), dhOut, stateOffset(t), haveRec ? dhRec : null, dc,
                    cPrev, cPrevOff, tc, stateOffset(t));
                if (s > 0 || h0[seg] != null) {
                    blas.mul(gates, gateOffset(t), batch, 4 * hs, wr, true, null, dhRec, 0, Blas.Into.SET);
                    haveRec = true;
                }
            }
            if (h0[seg] != null) {
                System.arraycopy(dhRec, 0, dh0[seg], 0, batch * hs);
                System.arraycopy(dc, 0, dc0[seg], 0, batch * hs);
            }
        }
        // every step's previous h (the initial state, or zeros, at a segment's start), then one product
        int block = batch * hs;
        for (int seg = 0; seg < segments; seg++) {
            for (int s = 0; s < segLen; s++) {
                int t = time(seg, s);
                if (s == 0) {
                    if (h0[seg] != null) {
                        System.arraycopy(h0[seg], 0, hPrev, stateOffset(t), block);
                    } else {
                        Arrays.fill(hPrev, stateOffset(t), stateOffset(t) + block, 0f);
                    }
                } else {
                    System.arraycopy(h, stateOffset(time(seg, s - 1)), hPrev, stateOffset(t), block);
                }
            }
        }
        blas.accumulateTransposed(hPrev, 0, hs, gates, 0, 4 * hs, steps * batch, dWr, 0);
    }
}
