package org.backbeat.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.backbeat.io.AtomicFiles;
import org.backbeat.io.InputFiles;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelFile;
import org.backbeat.model.ModelFileException;
import org.backbeat.model.ModelWeights;

/**
 * Everything needed to continue a run exactly: weights, Adam's first and second moments, the
 * step, the best validation loss so far, the seed. Data order, dropout masks and noise are derived
 * from (seed, step), so no generator state needs saving. Written atomically.
 *
 * <p>The {@code recipe} (batch, learning-rate schedule, dropout, beta warm-up, augmentation) is what a resume
 * reuses unless told otherwise; it is null in checkpoints written before it was kept (version 1).
 * {@code average} is the moving average of the weights ({@link WeightAverage}), null when the run
 * keeps none (and in checkpoints written before averages existed).
 */
public record Checkpoint(ModelConfig config, ModelWeights weights, ModelWeights adamM, ModelWeights adamV, long step,
                         double bestValidationLoss, long seed, double trainingSeconds, TrainingOptions.Recipe recipe,
                         ModelWeights average) {

    /** Without a weight average. */
    public Checkpoint(ModelConfig config, ModelWeights weights, ModelWeights adamM, ModelWeights adamV, long step,
                      double bestValidationLoss, long seed, double trainingSeconds, TrainingOptions.Recipe recipe) {
        this(config, weights, adamM, adamV, step, bestValidationLoss, seed, trainingSeconds, recipe, null);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String FORMAT = "backbeat-checkpoint";
    private static final String AVERAGE = "average/";

    public void save(Path file) throws IOException {
        AtomicFiles.write(file, raw -> {
            ZipOutputStream zip = new ZipOutputStream(raw);
            ObjectNode state = JSON.createObjectNode();
            state.put("format", FORMAT);
            state.put("version", 2);
            state.put("step", step);
            state.put("bestValidationLoss", bestValidationLoss);
            state.put("seed", seed);
            state.put("trainingSeconds", trainingSeconds);
            state.set("config", ModelFile.configJson(config));
            if (recipe != null) {
                state.set("recipe", JSON.valueToTree(recipe));
            }
            ModelFile.putJson(zip, "state.json", state);
            ModelFile.writeTensors(zip, "", weights);
            ModelFile.writeTensors(zip, "adam-m/", adamM);
            ModelFile.writeTensors(zip, "adam-v/", adamV);
            if (average != null) {
                ModelFile.writeTensors(zip, AVERAGE, average);
            }
            zip.finish();
        });
    }

    /**
     * Where a run writing {@code model} keeps its checkpoint: {@code MODEL.ckpt} beside it. Here
     * rather than on {@link Trainer}, whose class loads the training's native libraries first: the
     * wizard asks this on the JavaFX thread.
     */
    public static Path pathFor(Path model) {
        return model.resolveSibling(model.getFileName() + ".ckpt");
    }

    public static Checkpoint load(Path file) throws ModelFileException {
        String notRegular = InputFiles.whyNotRegular(file);
        if (notRegular != null) {
            throw new ModelFileException("no checkpoint to resume from at " + file + " (" + notRegular + ")");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            JsonNode state = readState(zip, file);
            ModelConfig config = ModelFile.parseConfig(state.path("config"), file);
            return new Checkpoint(config,
                ModelFile.readTensors(zip, "", file, config), ModelFile.readTensors(zip, "adam-m/", file, config),
                ModelFile.readTensors(zip, "adam-v/", file, config), state.path("step").asLong(),
                state.path("bestValidationLoss").asDouble(Double.NaN), state.path("seed").asLong(),
                state.path("trainingSeconds").asDouble(), recipe(state),
                zip.getEntry(AVERAGE + "weights.json") == null ? null
                    : ModelFile.readTensors(zip, AVERAGE, file, config));
        } catch (ModelFileException e) {
            throw e;
        } catch (ZipException e) {
            throw new ModelFileException(file + " is damaged (not a readable checkpoint)", e);
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    /** What a checkpoint continues, without its weights; {@code recipe} is null in version 1. */
    public record Header(ModelConfig config, long step, long seed, TrainingOptions.Recipe recipe) {
    }

    /** Reads only the header (a resume settles its options before the graph exists). */
    public static Header loadHeader(Path file) throws ModelFileException {
        String notRegular = InputFiles.whyNotRegular(file); // a FIFO here hung the resume forever
        if (notRegular != null) {
            throw new ModelFileException("no checkpoint to resume from at " + file + " (" + notRegular + ")");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            JsonNode state = readState(zip, file);
            return new Header(ModelFile.parseConfig(state.path("config"), file), state.path("step").asLong(),
                state.path("seed").asLong(), recipe(state));
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(file + " is damaged (not a readable checkpoint)", e);
        }
    }

    private static JsonNode readState(ZipFile zip, Path file) throws IOException {
        JsonNode state = ModelFile.readJson(zip, "state.json", file);
        if (!FORMAT.equals(state.path("format").asText())) {
            throw new ModelFileException(file + " is not a Backbeat training checkpoint");
        }
        return state;
    }

    private static TrainingOptions.Recipe recipe(JsonNode state) throws IOException {
        JsonNode r = state.get("recipe");
        return r == null || r.isNull() ? null : JSON.treeToValue(r, TrainingOptions.Recipe.class);
    }
}
