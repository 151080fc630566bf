package org.backbeat.model;

/** How to move between two points in z. */
public enum Interpolation {
    /** Spherical (slerp): keeps the norm typical of N(0, I) samples; MusicVAE's default. */
    SPHERICAL,
    /** Straight line. */
    LINEAR
}
