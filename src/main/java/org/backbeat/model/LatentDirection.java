package org.backbeat.model;

/**
 * A named direction in z (a principal component or an attribute vector such as "busier"), with
 * the spread of the data along it so that a slider can span a musically sensible range.
 */
public record LatentDirection(String name, String description, float[] vector, float scale) {
}
