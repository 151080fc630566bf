package org.backbeat.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A model card's {@code training} map, typed: where the model came from and how it was made. The
 * card keeps the map as it is stored (an imported model or an older Backbeat writes other keys, and
 * a card is rewritten without losing them); this record is how code reads it, and how the trainer
 * writes it. {@link #of} is tolerant as the card readers always were (a key of the wrong type reads
 * as absent, a fallback then applies), and {@code of(m).toMap()} writes back every key of {@code m}
 * ({@link #other} holds the keys it does not know). Absent values are null.
 *
 * @param data               absolute path of the folder trained on
 * @param files              MIDI files read
 * @param windows            training and validation windows
 * @param split              how the files were split, in words
 * @param hopBars            hop of the training windows in bars
 * @param minHits            windows with fewer hits were dropped
 * @param validationShare    share of a plain folder's files held out for validation
 * @param splitSeed          seed of the held-out choice in a plain folder
 * @param preset             the training preset's name
 * @param otherDrumChannel   drums were read from other channels than 10
 * @param initFrom           the model fine-tuned from
 * @param steps              optimizer steps of the saved weights
 * @param batchSize          windows per step
 * @param trainingMinutes    wall-clock minutes
 * @param bestValidationLoss validation loss of the saved weights
 * @param hyperParameters    the recipe
 * @param hardware           the machine, in words
 * @param engine             the training engine and its threads
 * @param task               the task's label
 * @param other              every other key, as stored
 */
public record Provenance(String data, Integer files, Windows windows, String split, Integer hopBars, Integer minHits,
                         Double validationShare, Long splitSeed, String preset, Boolean otherDrumChannel,
                         String initFrom, Long steps, Integer batchSize, Double trainingMinutes,
                         Double bestValidationLoss, Recipe hyperParameters, String hardware, String engine,
                         String task, Map<String, Object> other) {

    public static final String DATA = "data";
    public static final String HOP_BARS = "hopBars";
    public static final String MIN_HITS = "minHits";
    public static final String VALIDATION_SHARE = "validationShare";
    public static final String SPLIT_SEED = "splitSeed";

    private static final Set<String> KEYS = Set.of(DATA, "files", "windows", "split", HOP_BARS, MIN_HITS,
        VALIDATION_SHARE, SPLIT_SEED, "preset", "otherDrumChannel", "initFrom", "steps", "batchSize",
        "trainingMinutes", "bestValidationLoss", "hyperParameters", "hardware", "engine", "task");

    public Provenance {
        other = other == null ? Map.of() : Map.copyOf(other);
    }

    /** Windows trained and validated on ({@code train} is what eval's baseline checks it reads again). */
    public record Windows(Integer train, Integer validation, Map<String, Object> other) {
        public Windows {
            other = other == null ? Map.of() : Map.copyOf(other);
        }
    }

    /** The hyper-parameters of the run, as the trainer records them. */
    public record Recipe(Double learningRate, Double minLearningRate, Double decayRate, Double dropoutKeep,
                         Double maxBeta, Double freeBits, Long seed, String augmentation, Double weightAverageDecay,
                         Map<String, Object> other) {
        private static final Set<String> KEYS = Set.of("learningRate", "minLearningRate", "decayRate", "dropoutKeep",
            "maxBeta", "freeBits", "seed", "augmentation", "weightAverageDecay");

        public Recipe {
            other = other == null ? Map.of() : Map.copyOf(other);
        }

        static Recipe of(Map<?, ?> m) {
            Map<String, Object> rest = others(m, KEYS);
            for (String k : KEYS) {
                Object v = m.get(k);
                if (v != null && !(k.equals("augmentation") ? v instanceof String : v instanceof Number)) {
                    rest.put(k, v); // kept as stored, as in the card's own map below
                }
            }
            return new Recipe(real(m, "learningRate"), real(m, "minLearningRate"), real(m, "decayRate"),
                real(m, "dropoutKeep"), real(m, "maxBeta"), real(m, "freeBits"), whole(m, "seed"),
                text(m, "augmentation"), real(m, "weightAverageDecay"), rest);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            put(m, "learningRate", learningRate);
            put(m, "minLearningRate", minLearningRate);
            put(m, "decayRate", decayRate);
            put(m, "dropoutKeep", dropoutKeep);
            put(m, "maxBeta", maxBeta);
            put(m, "freeBits", freeBits);
            put(m, "seed", seed);
            put(m, "augmentation", augmentation);
            put(m, "weightAverageDecay", weightAverageDecay);
            m.putAll(other);
            return m;
        }
    }

    /** Nothing known: an imported model's or a hand-made card's. */
    public static Provenance none() {
        return of(Map.of());
    }

    /** The typed reading of a card's {@code training} map. */
    public static Provenance of(Map<?, ?> m) {
        Windows w = m.get("windows") instanceof Map<?, ?> wm
            ? new Windows(count(wm, "train"), count(wm, "validation"), others(wm, Set.of("train", "validation")))
            : null;
        Recipe recipe = m.get("hyperParameters") instanceof Map<?, ?> hp ? Recipe.of(hp) : null;
        Map<String, Object> rest = others(m, KEYS);
        // a known key of an unexpected type is kept as stored rather than dropped on a rewrite
        for (String k : KEYS) {
            if (m.get(k) != null && !known(k, m)) {
                rest.put(k, m.get(k));
            }
        }
        return new Provenance(text(m, DATA), count(m, "files"), w, text(m, "split"), count(m, HOP_BARS),
            count(m, MIN_HITS), real(m, VALIDATION_SHARE), whole(m, SPLIT_SEED), text(m, "preset"),
            m.get("otherDrumChannel") instanceof Boolean b ? b : null, text(m, "initFrom"), whole(m, "steps"),
            count(m, "batchSize"), real(m, "trainingMinutes"), real(m, "bestValidationLoss"), recipe,
            text(m, "hardware"), text(m, "engine"), text(m, "task"), rest);
    }

    /**
     * This provenance with what a training run adds to its data's description: the trainer writes
     * the card in one typed call, so its keys are spelt here only.
     */
    public Provenance withRun(long steps, int batchSize, double trainingMinutes, double bestValidationLoss,
                              Recipe hyperParameters, String hardware, String engine, String task) {
        return new Provenance(data, files, windows, split, hopBars, minHits, validationShare, splitSeed, preset,
            otherDrumChannel, initFrom, steps, batchSize, trainingMinutes, bestValidationLoss, hyperParameters,
            hardware, engine, task, other);
    }

    private static boolean known(String k, Map<?, ?> m) {
        Object v = m.get(k);
        return switch (k) {
            case "windows", "hyperParameters" -> v instanceof Map<?, ?>;
            case "otherDrumChannel" -> v instanceof Boolean;
            case "files", HOP_BARS, MIN_HITS, VALIDATION_SHARE, SPLIT_SEED, "steps", "batchSize", "trainingMinutes",
                 "bestValidationLoss" -> v instanceof Number;
            default -> v instanceof String;
        };
    }

    /** The map the card stores: the keys of the values present, then the others as they were. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, DATA, data);
        put(m, "files", files);
        if (windows != null) {
            Map<String, Object> w = new LinkedHashMap<>();
            put(w, "train", windows.train());
            put(w, "validation", windows.validation());
            w.putAll(windows.other());
            m.put("windows", w);
        }
        put(m, "split", split);
        put(m, HOP_BARS, hopBars);
        put(m, MIN_HITS, minHits);
        put(m, VALIDATION_SHARE, validationShare);
        put(m, SPLIT_SEED, splitSeed);
        put(m, "preset", preset);
        put(m, "otherDrumChannel", otherDrumChannel);
        put(m, "initFrom", initFrom);
        put(m, "steps", steps);
        put(m, "batchSize", batchSize);
        put(m, "trainingMinutes", trainingMinutes);
        put(m, "bestValidationLoss", bestValidationLoss);
        if (hyperParameters != null) {
            m.put("hyperParameters", hyperParameters.toMap());
        }
        put(m, "hardware", hardware);
        put(m, "engine", engine);
        put(m, "task", task);
        m.putAll(other);
        return m;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static Map<String, Object> others(Map<?, ?> m, Set<String> known) {
        Map<String, Object> rest = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!known.contains(String.valueOf(k)) && v != null) {
                rest.put(String.valueOf(k), v);
            }
        });
        return rest;
    }

    private static String text(Map<?, ?> m, String k) {
        return m.get(k) instanceof String s ? s : null;
    }

    private static Double real(Map<?, ?> m, String k) {
        return m.get(k) instanceof Number n ? n.doubleValue() : null;
    }

    private static Long whole(Map<?, ?> m, String k) {
        return m.get(k) instanceof Number n ? n.longValue() : null;
    }

    private static Integer count(Map<?, ?> m, String k) {
        return m.get(k) instanceof Number n ? n.intValue() : null;
    }
}
