package org.backbeat.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Named float32 parameters with shapes, row-major, in insertion order. The names and shapes for a
 * config are fixed by {@code docs/model.md}, so the training graph (SameDiff), the fast inference
 * path and the model file all exchange weights through this one value.
 */
public final class ModelWeights {

    /** One parameter: a shape and its row-major data. */
    public record Param(int[] shape, float[] data) {
        public Param {
            long n = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
                }
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
            }
        }

        public int rows() {
            return shape.length == 0 ? 1 : shape[0];
        }

        public int cols() {
            return shape.length < 2 ? (shape.length == 0 ? 1 : shape[0]) : shape[1];
        }
    }

    private final Map<String, Param> params;

    private ModelWeights(Map<String, Param> params) {
        this.params = Collections.unmodifiableMap(params);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Param get(String name) {
        Param p = params.get(name);
        if (p == null) {
            throw new IllegalArgumentException("the model has no weight named '" + name + "'");
        }
        return p;
    }

    /** The parameter's data after checking that its shape is exactly {@code shape}. */
    public float[] get(String name, int... shape) {
        Param p = get(name);
        if (!Arrays.equals(p.shape(), shape)) {
            throw new IllegalArgumentException("weight '" + name + "' has shape " + Arrays.toString(p.shape())
                + ", the config needs " + Arrays.toString(shape));
        }
        return p.data();
    }

    public boolean has(String name) {
        return params.containsKey(name);
    }

    public Set<String> names() {
        return params.keySet();
    }

    public Map<String, Param> asMap() {
        return params;
    }

    public long parameterCount() {
        return params.values().stream().mapToLong(p -> p.data().length).sum();
    }

    public static final class Builder {
        private final Map<String, Param> params = new LinkedHashMap<>();

        public Builder put(String name, int[] shape, float[] data) {
            if (params.put(name, new Param(shape.clone(), data)) != null) {
                throw new IllegalArgumentException("duplicate weight name: " + name);
            }
            return this;
        }

        public ModelWeights build() {
            return new ModelWeights(new LinkedHashMap<>(params));
        }
    }
}
