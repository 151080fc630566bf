package org.backbeat.model;

import static org.backbeat.model.WeightSchema.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backbeat.groove.DrumMapping;
import org.backbeat.groove.Groove;
import org.backbeat.io.InputFiles;

/**
 * Reads a Magenta.js MusicVAE GrooVAE checkpoint folder ({@code config.json},
 * {@code weights_manifest.json}, weight shards) into a Backbeat model, so musicians can run
 * Magenta's published GrooVAE weights. TensorFlow's {@code lstm_cell/kernel} stacks input rows over
 * recurrent rows with gate columns [i, j, f, o] and adds 1 to the forget gate at run time; Backbeat
 * stores Wx and Wr apart, in DL4J's [i, f, g, o] order, with the 1 folded into the bias.
 */
public final class MagentaImporter {

    private static final String ENC = "encoder/cell_0/bidirectional_rnn/%s/multi_rnn_cell/cell_0/lstm_cell/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MagentaImporter() {
    }

    private static final int JSON_LIMIT = 16 << 20;

    public static StoredModel importCheckpoint(Path dir) throws ModelFileException {
        Path config = dir.resolve("config.json");
        Path manifest = dir.resolve("weights_manifest.json");
        if (!Files.isRegularFile(config) || !Files.isRegularFile(manifest)) {
            throw new ModelFileException(dir + " is not a Magenta.js checkpoint (needs config.json and weights_manifest.json)");
        }
        try {
            JsonNode cfg = JSON.readTree(InputFiles.read(config, JSON_LIMIT, "a checkpoint config"));
            String type = cfg.path("type").asText();
            String converter = cfg.path("dataConverter").path("type").asText();
            if (!"MusicVAE".equals(type)) {
                throw new ModelFileException(dir + " is a Magenta.js '" + type + "' checkpoint, not MusicVAE");
            }
            if (!"GrooveConverter".equals(converter)) {
                throw new ModelFileException(dir + " is a MusicVAE for '" + converter + "', not a GrooVAE (GrooveConverter)");
            }
            int numSteps = cfg.path("dataConverter").path("args").path("numSteps").asInt(Groove.STEPS);
            if (numSteps != Groove.STEPS) {
                throw new ModelFileException(dir + " is a " + numSteps + "-step GrooVAE; Backbeat runs 4-bar (64-step) models");
            }
            Map<String, float[]> raw = new HashMap<>();
            Map<String, int[]> shapes = new HashMap<>();
            readWeights(dir, JSON.readTree(InputFiles.read(manifest, JSON_LIMIT, "a weights manifest")), raw, shapes);
            if (raw.keySet().stream().anyMatch(n -> n.contains("hierarchical"))) {
                throw new ModelFileException(dir + " has a hierarchical decoder; only flat Magenta GrooVAE checkpoints can be imported");
            }
            return convert(dir, raw, shapes);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(dir + " is not a readable Magenta.js checkpoint: " + e.getMessage(), e);
        }
    }

    private static void readWeights(Path dir, JsonNode manifest, Map<String, float[]> raw, Map<String, int[]> shapes)
        throws IOException {
        for (JsonNode group : manifest) {
            long total = 0;
            List<byte[]> shards = new ArrayList<>();
            for (JsonNode p : group.path("paths")) {
                Path shard = dir.resolve(p.asText());
                if (!Files.isRegularFile(shard)) {
                    throw new ModelFileException(dir + ": weight shard " + p.asText() + " is missing");
                }
                byte[] b = InputFiles.read(shard, Integer.MAX_VALUE - 8, "a weight shard");
                shards.add(b);
                total += b.length;
                if (total > Integer.MAX_VALUE - 8) {
                    throw new ModelFileException(dir + ": the weight shards of one group exceed 2 GB");
                }
            }
            ByteBuffer all = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
            shards.forEach(all::put);
            all.flip();
            for (JsonNode w : group.path("weights")) {
                String dtype = w.path("dtype").asText("float32");
                if (!"float32".equals(dtype)) {
                    throw new ModelFileException(dir + ": weight " + w.path("name").asText() + " is " + dtype
                        + " (quantized checkpoints are not supported)");
                }
                int[] shape = new int[w.path("shape").size()];
                long count = 1;
                for (int i = 0; i < shape.length; i++) {
                    JsonNode d = w.path("shape").get(i);
                    if (!d.canConvertToInt() || d.asInt() < 1) {
                        throw new ModelFileException(dir + ": weight " + w.path("name").asText() + " has shape "
                            + w.path("shape") + " (not positive sizes)");
                    }
                    shape[i] = d.asInt();
                    count *= shape[i];
                    if (count > Integer.MAX_VALUE) {
                        throw new ModelFileException(dir + ": weight " + w.path("name").asText() + " has shape "
                            + w.path("shape") + " (too large)");
                    }
                }
                int n = (int) count;
                if (all.remaining() < 4L * n) {
                    throw new ModelFileException(dir + ": the shards end inside weight " + w.path("name").asText() + " (truncated)");
                }
                float[] data = new float[n];
                all.asFloatBuffer().get(data);
                all.position(all.position() + 4 * n);
                raw.put(w.path("name").asText(), data);
                shapes.put(w.path("name").asText(), shape);
            }
        }
    }

    private static StoredModel convert(Path dir, Map<String, float[]> raw, Map<String, int[]> shapes) throws ModelFileException {
        int f = Groove.FEATURES;
        String fwKernel = String.format(ENC, "fw") + "kernel";
        int[] encShape = need(dir, shapes, fwKernel);
        int e = encShape[1] / 4;
        int z = need(dir, shapes, "encoder/mu/kernel")[1];
        List<Integer> decoderSizes = new ArrayList<>();
        for (int l = 0; shapes.containsKey("decoder/multi_rnn_cell/cell_" + l + "/lstm_cell/kernel"); l++) {
            decoderSizes.add(shapes.get("decoder/multi_rnn_cell/cell_" + l + "/lstm_cell/kernel")[1] / 4);
        }
        if (decoderSizes.isEmpty()) {
            throw new ModelFileException(dir + " has no decoder/multi_rnn_cell LSTM: not a flat GrooVAE");
        }
        ModelConfig config = new ModelConfig(e, z, DecoderType.FLAT, decoderSizes, 0, DrumMapping.MAGENTA_JS);
        ModelWeights.Builder b = ModelWeights.builder();
        lstm(dir, b, raw, shapes, String.format(ENC, "fw"), ENCODER_FW, f, e);
        lstm(dir, b, raw, shapes, String.format(ENC, "bw"), ENCODER_BW, f, e);
        dense(dir, b, raw, shapes, "encoder/mu/", ENCODER_MU);
        dense(dir, b, raw, shapes, "encoder/sigma/", ENCODER_SIGMA);
        dense(dir, b, raw, shapes, "decoder/z_to_initial_state/", DECODER_INIT);
        for (int l = 0; l < decoderSizes.size(); l++) {
            int in = l == 0 ? f + z : decoderSizes.get(l - 1);
            lstm(dir, b, raw, shapes, "decoder/multi_rnn_cell/cell_" + l + "/lstm_cell/", decoderLstm(l), in, decoderSizes.get(l));
        }
        dense(dir, b, raw, shapes, "decoder/output_projection/", DECODER_OUT);
        ModelWeights weights = b.build();
        // the shapes must be exactly what the config implies: the fast path checks each one
        new FastGrooveModel(config, weights);
        ModelCard card = new ModelCard("Magenta GrooVAE (" + dir.getFileName() + ")",
            "Imported from a Magenta.js MusicVAE GrooVAE checkpoint.",
            Map.of("source", dir.toAbsolutePath().toString(), "format", "Magenta.js tfjs weights manifest"), Map.of());
        return new StoredModel(config, weights, card, List.of());
    }

    private static int[] need(Path dir, Map<String, int[]> shapes, String name) throws ModelFileException {
        int[] s = shapes.get(name);
        if (s == null) {
            throw new ModelFileException(dir + " is not a GrooVAE checkpoint: weight " + name + " is missing");
        }
        return s;
    }

    private static void dense(Path dir, ModelWeights.Builder b, Map<String, float[]> raw, Map<String, int[]> shapes,
                              String from, String to) throws ModelFileException {
        int[] ks = need(dir, shapes, from + "kernel");
        b.put(kernel(to), ks, raw.get(from + "kernel"));
        b.put(bias(to), need(dir, shapes, from + "bias"), raw.get(from + "bias"));
    }

    private static void lstm(Path dir, ModelWeights.Builder b, Map<String, float[]> raw, Map<String, int[]> shapes,
                             String from, String to, int nIn, int h) throws ModelFileException {
        int[] ks = need(dir, shapes, from + "kernel");
        if (ks.length != 2 || ks[0] != nIn + h || ks[1] != 4 * h) {
            throw new ModelFileException(dir + ": " + from + "kernel has shape " + java.util.Arrays.toString(ks)
                + ", expected [" + (nIn + h) + ", " + 4 * h + "]");
        }
        float[] kernel = raw.get(from + "kernel");
        float[] bias = raw.get(from + "bias");
        int g = 4 * h;
        // TF gate blocks [i, j, f, o] -> ours [i, f, g=j, o]
        int[] srcBlock = {0, 2, 1, 3};
        float[] wx = new float[nIn * g];
        float[] wr = new float[h * g];
        for (int row = 0; row < nIn + h; row++) {
            float[] dst = row < nIn ? wx : wr;
            int dstRow = row < nIn ? row : row - nIn;
            for (int blk = 0; blk < 4; blk++) {
                System.arraycopy(kernel, row * g + srcBlock[blk] * h, dst, dstRow * g + blk * h, h);
            }
        }
        float[] bb = new float[g];
        for (int blk = 0; blk < 4; blk++) {
            System.arraycopy(bias, srcBlock[blk] * h, bb, blk * h, h);
        }
        for (int j = h; j < 2 * h; j++) {
            bb[j] += 1f; // TensorFlow's forget bias, added at run time there
        }
        b.put(inputWeights(to), new int[] {nIn, g}, wx);
        b.put(recurrentWeights(to), new int[] {h, g}, wr);
        b.put(bias(to), new int[] {g}, bb);
    }
}
