package org.backbeat.model;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.backbeat.groove.Groove;

/**
 * Humanize and drumify with a task model: finding the shipped one, refusing a model trained for
 * another task, and running it on grooves (the CLI's {@code humanize}/{@code drumify} and the
 * studio share this).
 */
public final class TaskModels {

    private TaskModels() {
    }

    /** {@code humanize.bbm}, {@code drumify.bbm}, {@code default.bbm} (generate). */
    public static String fileName(Task task) {
        return task == Task.GENERATE ? Models.DEFAULT_FILE : task.label() + ModelFile.EXTENSION;
    }

    /**
     * The shipped model of {@code task}: {@code models/humanize.bbm} (or drumify) in the working
     * directory, else next to the installation; a one-line reason when there is none.
     */
    public static Path shippedPath(Task task) throws ModelFileException {
        if (task == Task.GENERATE) {
            return Models.defaultModelPath();
        }
        List<Path> tried = new ArrayList<>();
        tried.add(Path.of("models", fileName(task)));
        try {
            Path jarDir = Path.of(TaskModels.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
            if (jarDir != null) {
                tried.add(jarDir.resolve("models").resolve(fileName(task)));
                if (jarDir.getParent() != null) {
                    tried.add(jarDir.getParent().resolve("models").resolve(fileName(task)));
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // only the working directory then
        }
        for (Path p : tried) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new ModelFileException("no " + task.label() + " model found (looked for " + tried + "); pass --model FILE, "
            + "or train one: backbeat train --task " + task.label() + " --init-from models/default.bbm ...");
    }

    /** Why a model of {@code config} (from {@code source}) cannot do {@code wanted}, or null when it can. */
    public static String refusal(ModelConfig config, Task wanted, Object source) {
        if (config.task() == wanted) {
            return null;
        }
        return source + " is a " + config.task().label() + " model, not a " + wanted.label() + " model"
            + (wanted == Task.GENERATE ? "" : " (train one with backbeat train --task " + wanted.label() + ")");
    }

    /** Loads {@code file} (null: the shipped model of {@code task}) and checks it was trained for {@code task}. */
    public static FastGrooveModel open(Path file, Task task) throws ModelFileException {
        Path f = file != null ? file : shippedPath(task);
        StoredModel stored = ModelFile.load(f);
        String why = refusal(stored.config(), task, f);
        if (why != null) {
            throw new ModelFileException(why);
        }
        return new FastGrooveModel(stored);
    }

    /**
     * Each input humanized with its own hits kept: a humanize model hears the hits, and the decoder
     * plays exactly those ({@link Sampling#playing}), with velocities and timing of its own. At
     * temperature 0 the code is the encoder's mean; above it {@code mean + temperature * sigma * eps}
     * (input i seeded with {@code seed + i}), for other performances of the same pattern. An empty
     * input stays empty.
     */
    public static List<Groove> humanize(GrooveModel model, List<Groove> inputs, double temperature, long seed) {
        if (model.config().task() != Task.HUMANIZE) {
            throw new IllegalArgumentException(refusal(model.config(), Task.HUMANIZE, "the model"));
        }
        List<Groove> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Groove in = inputs.get(i);
            if (in.isEmpty()) {
                out.add(Groove.empty(in.qpm()));
                continue;
            }
            LatentCode code = model.encode(Task.HUMANIZE.encoderInput(in));
            float[] z = code.mean().clone();
            if (temperature > 0) {
                java.util.SplittableRandom r = new java.util.SplittableRandom(seed + i);
                for (int k = 0; k < z.length; k++) {
                    z[k] += (float) (temperature * code.sigma()[k] * r.nextGaussian());
                }
            }
            out.add(model.decode(List.of(z), List.of(Sampling.playing(in)), in.qpm()).get(0));
        }
        return out;
    }

    /**
     * Each input through a task model: the encoder reads its transformation (the hits, or the taps),
     * the mean of z is decoded at {@code temperature} (input i with seed {@code seed + i}) at the
     * input's tempo. An input with no hits stays empty: there is nothing to humanize or follow, and a
     * model would invent a groove from silence.
     */
    public static List<Groove> perform(GrooveModel model, List<Groove> inputs, double temperature, long seed) {
        Task task = model.config().task();
        List<Groove> out = new ArrayList<>(inputs.size());
        List<Integer> busy = new ArrayList<>();
        List<Groove> encoderInputs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            out.add(Groove.empty(inputs.get(i).qpm()));
            if (!inputs.get(i).isEmpty()) {
                busy.add(i);
                encoderInputs.add(task.encoderInput(inputs.get(i)));
            }
        }
        if (busy.isEmpty()) {
            return out;
        }
        List<LatentCode> codes = model.encode(encoderInputs);
        for (int k = 0; k < busy.size(); k++) {
            int i = busy.get(k);
            Groove in = inputs.get(i);
            out.set(i, model.decode(List.of(codes.get(k).mean()), temperature, seed + i, in.qpm()).get(0));
        }
        return out;
    }
}
