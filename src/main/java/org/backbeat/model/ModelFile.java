package org.backbeat.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.backbeat.groove.DrumMapping;
import org.backbeat.io.AtomicFiles;
import org.backbeat.io.InputFiles;

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

    /**
     * Unknown fields are ignored on reading: a newer Backbeat may add to the card, latent
     * directions or config (forward compatibility; a change old versions cannot read raises the
     * format version instead, which they refuse by name).
     */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Largest JSON entry read (the shipped model's card and sliders are a few KB). */
    static final int MAX_JSON_BYTES = 16 << 20;

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
        String notRegular = InputFiles.whyNotRegular(file);
        if (notRegular != null) {
            throw new ModelFileException(file + " is not a model file (" + notRegular + ")");
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
        String notRegular = InputFiles.whyNotRegular(file);
        if (notRegular != null) {
            throw new ModelFileException(file + " is not a model file (" + notRegular + ")");
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
            ModelWeights weights = readTensors(zip, "", file, config);
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
     * Writes named tensors as {@code PREFIXweights.json} (names, shapes, offsets, a CRC-32 of each
     * tensor's bytes) and {@code PREFIXweights.bin} (little-endian float32). Also used by training
     * checkpoints.
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
            w.put("crc32", crc(e.getValue().data()));
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

    /** CRC-32 of a tensor's little-endian bytes, as stored in the manifest. */
    static long crc(float[] data) {
        CRC32 crc = new CRC32();
        ByteBuffer buf = ByteBuffer.allocate(1 << 14).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
            if (buf.remaining() < 4) {
                crc.update(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putFloat(f);
        }
        crc.update(buf.array(), 0, buf.position());
        return crc.getValue();
    }

    /**
     * Reads what {@link #writeTensors} wrote, checking it all before trusting it: the manifest
     * names exactly the weights {@code config} needs, with their shapes (so a damaged shape such as
     * {@code [27, -294967296]} is named here, for every command alike); the stored size of
     * {@code weights.bin} is what those shapes need before a byte is inflated (a 14 MB file once
     * inflated to 3 GiB); the bytes match the zip's CRC-32 and each tensor's own; and every value
     * is finite.
     */
    public static ModelWeights readTensors(ZipFile zip, String prefix, Path file, ModelConfig config)
        throws IOException {
        String where = file + " is damaged: ";
        JsonNode manifest = readJson(zip, prefix + "weights.json", file);
        if (!manifest.isArray()) {
            throw new ModelFileException(where + prefix + "weights.json is not a list of weights");
        }
        Map<String, int[]> expected = ModelInitializer.shapes(config);
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        long total = 0;
        for (JsonNode w : manifest) {
            String name = w.path("name").asText();
            int[] need = expected.get(name);
            if (need == null) {
                throw new ModelFileException(where + "weight '" + name + "' is not part of a model of this config");
            }
            JsonNode shape = w.path("shape");
            boolean same = shape.isArray() && shape.size() == need.length;
            for (int i = 0; same && i < need.length; i++) {
                same = shape.get(i).isIntegralNumber() && shape.get(i).canConvertToLong()
                    && shape.get(i).asLong() == need[i];
            }
            if (!same) {
                throw new ModelFileException(where + "weight '" + name + "' has shape " + shape + ", the config "
                    + "needs " + Arrays.toString(need));
            }
            if (entries.put(name, w) != null) {
                throw new ModelFileException(where + "weight '" + name + "' appears twice");
            }
            total += count(need);
        }
        for (String name : expected.keySet()) {
            if (!entries.containsKey(name)) {
                throw new ModelFileException(where + "weight '" + name + "' is missing");
            }
        }
        if (total * 4 > MAX_TENSOR_BYTES) {
            throw new ModelFileException(where + "its weights would take " + (total * 4 >> 20) + " MB");
        }
        int bytes = (int) (total * 4);
        ZipEntry binEntry = zip.getEntry(prefix + "weights.bin");
        if (binEntry == null) {
            throw new ModelFileException(where + prefix + "weights.bin is missing");
        }
        if (binEntry.getSize() >= 0 && binEntry.getSize() != bytes) {
            throw new ModelFileException(where + prefix + "weights.bin holds " + binEntry.getSize() + " bytes, the "
                + "weights need " + bytes);
        }
        byte[] data;
        CRC32 crc = new CRC32();
        try (InputStream in = new CheckedInputStream(zip.getInputStream(binEntry), crc)) {
            data = in.readNBytes(bytes);
            if (data.length < bytes || in.read() >= 0) {
                throw new ModelFileException(where + prefix + "weights.bin does not hold the " + bytes
                    + " bytes the weights need (truncated file?)");
            }
        }
        if (binEntry.getCrc() >= 0 && crc.getValue() != binEntry.getCrc()) {
            throw new ModelFileException(where + prefix + "weights.bin fails its checksum (CRC-32)");
        }
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        ModelWeights.Builder b = ModelWeights.builder();
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            JsonNode w = entries.get(e.getKey());
            long n = count(e.getValue());
            long offset = w.path("offset").isIntegralNumber() ? w.path("offset").asLong() : -1;
            if (offset < 0 || offset + n > total) {
                throw new ModelFileException(where + "weight '" + e.getKey() + "' lies outside weights.bin");
            }
            float[] values = new float[(int) n];
            buf.position((int) (offset * 4));
            buf.asFloatBuffer().get(values);
            if (w.has("crc32") && w.path("crc32").asLong() != crc(values)) {
                throw new ModelFileException(where + "weight '" + e.getKey() + "' fails its checksum (CRC-32)");
            }
            for (float v : values) {
                if (!Float.isFinite(v)) {
                    throw new ModelFileException(where + "weight '" + e.getKey() + "' holds " + v
                        + " (every weight must be a finite number)");
                }
            }
            b.put(e.getKey(), e.getValue(), values);
        }
        return b.build();
    }

    /** Largest weights.bin read: what a Java array holds. */
    static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE - 8;

    private static long count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    public static ObjectNode configJson(ModelConfig c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("encoderSize", c.encoderSize());
        n.put("zSize", c.zSize());
        n.put("decoder", c.decoder().label());
        ArrayNode sizes = n.putArray("decoderSizes");
        c.decoderSizes().forEach(sizes::add);
        n.put("conductorSize", c.conductorSize());
        n.put("task", c.task().label());
        n.put("regression", c.regression().label());
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
                DecoderType.parse(n.path("decoder").asText()), sizes,
                n.path("conductorSize").asInt(), DrumMapping.of(m.path("name").asText("custom"), pitches),
                // files written before tasks existed are generate models
                n.hasNonNull("task") ? Task.parse(n.path("task").asText()) : Task.GENERATE,
                // files written before it existed were trained at every step
                n.hasNonNull("regression") ? Regression.parse(n.path("regression").asText()) : Regression.ALL_STEPS);
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
        if (e.getSize() > MAX_JSON_BYTES) {
            throw new ModelFileException(file + " is damaged: " + name + " claims " + e.getSize() + " bytes");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
            bytes = in.readNBytes(MAX_JSON_BYTES + 1); // bounded whatever the entry claims
        }
        if (bytes.length > MAX_JSON_BYTES) {
            throw new ModelFileException(file + " is damaged: " + name + " is over " + (MAX_JSON_BYTES >> 20) + " MB");
        }
        return JSON.readTree(bytes);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return (m == null || m.isBlank()) ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
