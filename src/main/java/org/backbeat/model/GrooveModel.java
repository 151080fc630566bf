package org.backbeat.model;

import java.util.List;
import java.util.Optional;
import org.backbeat.groove.Groove;

/**
 * The one model API that the studio, the CLI, the trainer's evaluation and the wizard use.
 * Implementations are thread-safe for concurrent calls. Every list operation is one batched call.
 */
public interface GrooveModel {

    ModelConfig config();

    /** Size of z. */
    default int zSize() {
        return config().zSize();
    }

    /** Posterior mean and standard deviation of z for each groove. */
    List<LatentCode> encode(List<Groove> grooves);

    default LatentCode encode(Groove groove) {
        return encode(List.of(groove)).get(0);
    }

    /**
     * Decodes each z into a groove at tempo {@code qpm}. At temperature 0 hits are
     * {@code sigmoid(logit) > 0.5} (deterministic); above 0 each hit is drawn from
     * {@code sigmoid(logit / temperature)} with a generator seeded by {@code seed}.
     */
    List<Groove> decode(List<float[]> zs, double temperature, long seed, double qpm);

    /**
     * Decodes each z with its own {@link Sampling} (temperature and uniform draws), at tempo
     * {@code qpm}. {@code decode(zs, temperature, seed, qpm)} is this with the samplings of
     * {@link Sampling#seeded} for a single z: a groove generated that way is decoded again exactly.
     */
    default List<Groove> decode(List<float[]> zs, List<Sampling> samplings, double qpm) {
        return decodeGuided(zs, samplings, java.util.Collections.nCopies(zs.size(), null), qpm).stream()
            .map(Decoded::groove).toList();
    }

    /**
     * As {@link #decode(List, List, double)}, each z with its own {@link Guide} (null: the plain
     * autoregressive decode), returning the inputs each decode saw with its groove.
     */
    List<Decoded> decodeGuided(List<float[]> zs, List<Sampling> samplings, List<Guide> guides, double qpm);

    /**
     * As {@link #decodeGuided}, each z also with its own {@link Lock} (null: nothing locked): the
     * locked cells keep the lock's groove exactly and the model's other cells are decoded
     * conditioned on them. All rows are one batched call. An implementation without locked
     * decoding refuses a non-null lock.
     */
    default List<Decoded> decodeLocked(List<float[]> zs, List<Sampling> samplings, List<Guide> guides,
                                       List<Lock> locks, double qpm) {
        if (locks.stream().anyMatch(l -> l != null && !l.isEmpty())) {
            throw new UnsupportedOperationException("this model cannot decode with locked cells");
        }
        return decodeGuided(zs, samplings, guides, qpm);
    }

    default Groove decode(float[] z, double temperature, long seed) {
        return decode(List.of(z), temperature, seed, Groove.DEFAULT_QPM).get(0);
    }

    /** {@code count} grooves from z ~ N(0, I), seeded. */
    List<Groove> sample(int count, double temperature, long seed);

    /**
     * {@code steps} grooves from the reconstruction of {@code a} to that of {@code b}, decoding
     * the interpolated means at temperature 0; the tempo moves linearly from a's to b's.
     */
    List<Groove> interpolate(Groove a, Groove b, int steps, Interpolation mode);

    /** Named directions in z (principal components, attribute vectors) for latent sliders. */
    List<LatentDirection> directions();

    /** Which backend runs this model, e.g. "CPU, Java Vector API". */
    String backend();

    /**
     * What the model's file holds beside the weights the calls above use: its card (the studio's
     * model name and "Model card" window) and config; empty for a model that was never a file. Callers
     * ask this instead of testing for an implementation.
     */
    default Optional<StoredModel> file() {
        return Optional.empty();
    }
}
