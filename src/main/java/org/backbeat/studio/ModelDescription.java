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

    /** A model's name for the status line and messages: its card's, else "model". */
    public static String name(org.backbeat.model.GrooveModel model) {
        return model.file().map(f -> f.card().name()).orElse("model");
    }

    /** The status line's words for the model in use. */
    public static String status(org.backbeat.model.GrooveModel model) {
        return "Model: " + name(model) + " · " + model.backend();
    }

    /** The status line's words when no model could be opened, with the one-line {@code reason}. */
    public static String noModel(String reason) {
        return "No model: " + reason + " (Model > Open model…)";
    }

    /** Why a model did not open, and (when one is) that the model {@code inUse} stays in use. */
    public static String openFailure(String reason, org.backbeat.model.GrooveModel inUse) {
        return reason + (inUse == null ? "" : "\nStill using " + name(inUse) + ".");
    }

    public static String of(StoredModel m) {
        StringBuilder b = new StringBuilder();
        b.append(m.card().name()).append('\n');
        if (!m.card().description().isBlank()) {
            b.append(m.card().description()).append('\n');
        }
        ModelConfig c = m.config();
        b.append("\nArchitecture\n");
        b.append("  task: ").append(c.task().label()).append('\n');
        if (c.regression() == org.backbeat.model.Regression.AT_HITS) {
            b.append("  velocities and offsets: fitted at the hits only\n");
        }
        b.append("  encoder: bidirectional LSTM, ").append(c.encoderSize()).append(" per direction\n");
        b.append("  z: ").append(c.zSize()).append('\n');
        b.append("  decoder: ").append(c.decoder().label()).append(' ').append(c.decoderSizes());
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
        entries(b, values, "  ");
    }

    private static void entries(StringBuilder b, Map<?, ?> values, String indent) {
        for (Map.Entry<String, Object> e : sorted(values).entrySet()) {
            b.append(indent).append(words(e.getKey())).append(':');
            if (e.getValue() instanceof Map<?, ?> m && !m.isEmpty()) {
                b.append('\n');
                entries(b, m, indent + "    ");
            } else {
                b.append(' ').append(value(e.getKey(), e.getValue())).append('\n');
            }
        }
    }

    private static Map<String, Object> sorted(Map<?, ?> values) {
        Map<String, Object> m = new TreeMap<>();
        values.forEach((k, v) -> m.put(String.valueOf(k), v));
        return m;
    }

    private static final Map<String, String> WORDS = Map.ofEntries(Map.entry("mae", "MAE"),
        Map.entry("ms", "(ms)"), Map.entry("kl", "KL"), Map.entry("elbo", "ELBO"), Map.entry("f1", "F1"),
        Map.entry("hihat", "hi-hat"), Map.entry("qpm", "BPM"), Map.entry("eval", "evaluation on"),
        Map.entry("init", "initialised"), Map.entry("minutes", "time"));

    /** A card key in words: "bestValidationLoss" is "Best validation loss", "offsetMaeMs" "Offset MAE (ms)". */
    static String words(String key) {
        String spaced = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('.', ' ').replace('_', ' ');
        StringBuilder out = new StringBuilder();
        for (String w : spaced.trim().split("\\s+")) {
            String lower = w.toLowerCase(java.util.Locale.ROOT);
            out.append(out.length() == 0 ? "" : " ").append(WORDS.getOrDefault(lower, lower));
        }
        String s = out.toString();
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A value as a person reads it: 111.6 not 111.56139858185298, 3,702 not 3702, 3 h 44 min. */
    static String value(String key, Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (key.toLowerCase(java.util.Locale.ROOT).endsWith("minutes")) {
                long min = Math.round(d);
                return min >= 60 ? String.format("%d h %d min", min / 60, min % 60) : String.format("%.1f min", d);
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return String.format(java.util.Locale.ROOT, "%,d", (long) d);
            }
            if (Math.abs(d) >= 100 || !Double.isFinite(d)) {
                return String.format(java.util.Locale.ROOT, "%.1f", d);
            }
            return new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        }
        if (v instanceof java.util.Collection<?> c) {
            return String.join(", ", c.stream().map(x -> value(key, x)).toList());
        }
        return String.valueOf(v);
    }
}
