package org.backbeat.model;

import java.util.List;

/** Everything a model file holds: shape, weights, card and latent directions. */
public record StoredModel(ModelConfig config, ModelWeights weights, ModelCard card, List<LatentDirection> directions) {
    public StoredModel {
        directions = List.copyOf(directions);
    }
}
