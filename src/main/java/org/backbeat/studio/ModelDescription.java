package org.backbeat.studio;

import java.util.Map;
import java.util.TreeMap;
import org.backbeat.model.LatentDirection;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.StoredModel;

/** A model's card as plain text: what the studio's "Model card" window and reports show. */
public final class ModelDescription {

    private ModelDescription() {
    }

    public static String of(StoredModel m) {
        StringBuilder b = new StringBuilder();
        b.append(m.card().name()).append('\n');
        if (!m.card().description().isBlank()) {
            b.append(m.card().description()).append('\n');
        }
        ModelConfig c = m.config();
        b.append("\nArchitecture\n");
        b.append("  encoder: bidirectional LSTM, ").append(c.encoderSize()).append(" per direction\n");
        b.append("  z: ").append(c.zSize()).append('\n');
        b.append("  decoder: ").append(c.decoder().name().toLowerCase()).append(' ').append(c.decoderSizes());
        if (c.conductorSize() > 0) {
            b.append(", conductor ").append(c.conductorSize());
        }
        b.append('\n');
        section(b, "Training", m.card().training());
        section(b, "Metrics", m.card().metrics());
        if (!m.directions().isEmpty()) {
            b.append("\nLatent directions\n");
            for (LatentDirection d : m.directions()) {
                b.append("  ").append(d.name()).append(": ").append(d.description()).append('\n');
            }
        }
        return b.toString();
    }

    private static void section(StringBuilder b, String title, Map<String, Object> values) {
        if (values.isEmpty()) {
            return;
        }
        b.append('\n').append(title).append('\n');
        for (Map.Entry<String, Object> e : new TreeMap<>(values).entrySet()) {
            b.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
    }
}
