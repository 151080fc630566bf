package org.backbeat.model;

/** The two decoders of the MusicVAE family that Backbeat builds and compares. */
public enum DecoderType {
    /** GrooVAE's {@code groovae_4bar}: a stack of LSTMs over all 64 steps. */
    FLAT,
    /** MusicVAE's conductor LSTM over the 4 bars, then a bottom LSTM over each bar's 16 steps. */
    HIERARCHICAL
}
