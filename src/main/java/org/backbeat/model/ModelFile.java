package org.backbeat.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.backbeat.groove.DrumMapping;
import org.backbeat.io.AtomicFiles;

/**
 * The Backbeat model file ({@code .bbm}): a zip holding
 * <ul>
 *   <li>{@code backbeat-model.json}: format marker and version (read first, so a foreign or newer
 *       file is named as such before anything else is parsed),</li>
 *   <li>{@code config.json}: {@link ModelConfig},</li>
 *   <li>{@code weights.json} + {@code weights.bin}: names, shapes and offsets; little-endian
 *       float32 data,</li>
 *   <li>{@code model-card.json}: {@link ModelCard},</li>
 *   <li>{@code latent.json}: {@link LatentDirection}s for the studio's sliders.</li>
 * </ul>
 * Saving writes a temporary file beside the target and moves it into place, so a crash or a full
 * disk never leaves a half-written model where a good one was.
 */
public final class ModelFile {

    public static final String FORMAT = "backbeat-model";
    public static final int VERSION = 1;
    public static final String EXTENSION = ".bbm";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFile() {
    }

    public static void save(Path target, StoredModel model) throws ModelFileException {
        try {
            AtomicFiles.write(target, raw -> {
                ZipOutputStream zip = new ZipOutputStream(raw);
                ObjectNode marker = JSON.createObjectNode();
                marker.put("format", FORMAT);
                marker.put("version", VERSION);
                putJson(zip, "backbeat-model.json", marker);
                putJson(zip, "config.json", configJson(model.config()));
                putJson(zip, "model-card.json", JSON.valueToTree(model.card()));
                putJson(zip, "latent.json", JSON.valueToTree(model.directions()));
                writeTensors(zip, "", model.weights());
                zip.finish();
            });
        } catch (IOException e) {
            throw new ModelFileException("could not save the model to " + target + ": " + describe(e), e);
        }
    }

    /** Only the model card of {@code file} (no weights): what it says about its training. */
    public static ModelCard loadCard(Path file) throws ModelFileException {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file + " is not a model file (no such file)");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            checkMarker(zip, file);
            return JSON.treeToValue(readJson(zip, "model-card.json", file), ModelCard.class);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(file + " is damaged: " + describe(e), e);
        }
    }

    private static void checkMarker(ZipFile zip, Path file) throws IOException {
        JsonNode marker = readJson(zip, "backbeat-model.json", file);
        if (!FORMAT.equals(marker.path("format").asText())) {
            throw new ModelFileException(file + " is not a Backbeat model (format '"
                + marker.path("format").asText() + "')");
        }
        int version = marker.path("version").asInt(-1);
        if (version > VERSION) {
            throw new ModelFileException(file + " was written by a newer Backbeat (model format "
                + version + "; this version reads up to " + VERSION + ")");
        }
        if (version < 1) {
            throw new ModelFileException(file + " has an invalid model format version: " + marker.path("version"));
        }
    }

    public static StoredModel load(Path file) throws ModelFileException {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file + " is not a model file (no such file)");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            checkMarker(zip, file);
            ModelConfig config = parseConfig(readJson(zip, "config.json", file), file);
            ModelCard card = JSON.treeToValue(readJson(zip, "model-card.json", file), ModelCard.class);
            List<LatentDirection> directions = new ArrayList<>();
            ZipEntry latent = zip.getEntry("latent.json");
            if (latent != null) {
                for (JsonNode d : readJson(zip, "latent.json", file)) {
                    directions.add(JSON.treeToValue(d, LatentDirection.class));
                }
            }
            ModelWeights weights = readTensors(zip, "", file);
            return new StoredModel(config, weights, card, directions);
        } catch (ModelFileException e) {
            throw e;
        } catch (ZipException e) {
            throw new ModelFileException(file + " is damaged or not a Backbeat model (not a readable zip: "
                + describe(e) + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(file + " is damaged: " + describe(e), e);
        }
    }

    /**
     * Writes named tensors as {@code PREFIXweights.json} (names, shapes, offsets) and
     * {@code PREFIXweights.bin} (little-endian float32). Also used by training checkpoints.
     */
    public static void writeTensors(ZipOutputStream zip, String prefix, ModelWeights weights) throws IOException {
        ArrayNode manifest = JSON.createArrayNode();
        long offset = 0;
        for (Map.Entry<String, ModelWeights.Param> e : weights.asMap().entrySet()) {
            ObjectNode w = manifest.addObject();
            w.put("name", e.getKey());
            ArrayNode shape = w.putArray("shape");
            for (int d : e.getValue().shape()) {
                shape.add(d);
            }
            w.put("offset", offset);
            offset += e.getValue().data().length;
        }
        putJson(zip, prefix + "weights.json", manifest);
        zip.putNextEntry(new ZipEntry(prefix + "weights.bin"));
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (ModelWeights.Param p : weights.asMap().values()) {
            for (float f : p.data()) {
                if (buf.remaining() < 4) {
                    zip.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putFloat(f);
            }
        }
        zip.write(buf.array(), 0, buf.position());
        zip.closeEntry();
    }

    /** Reads what {@link #writeTensors} wrote. */
    public static ModelWeights readTensors(ZipFile zip, String prefix, Path file) throws IOException {
        JsonNode manifest = readJson(zip, prefix + "weights.json", file);
        ZipEntry binEntry = zip.getEntry(prefix + "weights.bin");
        if (binEntry == null) {
            throw new ModelFileException(file + " is damaged: " + prefix + "weights.bin is missing");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(binEntry)) {
            bytes = in.readAllBytes();
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long total = bytes.length / 4;
        ModelWeights.Builder b = ModelWeights.builder();
        for (JsonNode w : manifest) {
            int[] shape = new int[w.path("shape").size()];
            long n = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = w.path("shape").get(i).asInt();
                n *= shape[i];
            }
            long offset = w.path("offset").asLong(-1);
            if (offset < 0 || offset + n > total || n > Integer.MAX_VALUE) {
                throw new ModelFileException(file + " is damaged: weight '" + w.path("name").asText()
                    + "' lies outside weights.bin (truncated file?)");
            }
            float[] data = new float[(int) n];
            buf.position((int) (offset * 4));
            buf.asFloatBuffer().get(data);
            b.put(w.path("name").asText(), shape, data);
        }
        return b.build();
    }

    public static ObjectNode configJson(ModelConfig c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("encoderSize", c.encoderSize());
        n.put("zSize", c.zSize());
        n.put("decoder", c.decoder().name().toLowerCase());
        ArrayNode sizes = n.putArray("decoderSizes");
        c.decoderSizes().forEach(sizes::add);
        n.put("conductorSize", c.conductorSize());
        ObjectNode mapping = n.putObject("drumMapping");
        mapping.put("name", c.mapping().name());
        ArrayNode classes = mapping.putArray("pitches");
        for (int[] pitches : c.mapping().pitches()) {
            ArrayNode p = classes.addArray();
            for (int pitch : pitches) {
                p.add(pitch);
            }
        }
        return n;
    }

    public static ModelConfig parseConfig(JsonNode n, Path file) throws ModelFileException {
        try {
            List<Integer> sizes = new ArrayList<>();
            n.path("decoderSizes").forEach(s -> sizes.add(s.asInt()));
            JsonNode m = n.path("drumMapping");
            int[][] pitches = new int[m.path("pitches").size()][];
            for (int c = 0; c < pitches.length; c++) {
                JsonNode p = m.path("pitches").get(c);
                pitches[c] = new int[p.size()];
                for (int i = 0; i < p.size(); i++) {
                    pitches[c][i] = p.get(i).asInt();
                }
            }
            return new ModelConfig(n.path("encoderSize").asInt(), n.path("zSize").asInt(),
                DecoderType.valueOf(n.path("decoder").asText().toUpperCase()), sizes,
                n.path("conductorSize").asInt(), DrumMapping.of(m.path("name").asText("custom"), pitches));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + " has an invalid config: " + e.getMessage(), e);
        }
    }

    public static void putJson(ZipOutputStream zip, String name, JsonNode node) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(JSON.writeValueAsBytes(node));
        zip.closeEntry();
    }

    public static JsonNode readJson(ZipFile zip, String name, Path file) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new ModelFileException(file + " is not a Backbeat model (" + name + " is missing)");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return JSON.readTree(in);
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return (m == null || m.isBlank()) ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
