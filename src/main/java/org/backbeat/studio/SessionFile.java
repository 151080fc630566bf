package org.backbeat.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.backbeat.groove.Groove;
import org.backbeat.io.AtomicFiles;
import org.backbeat.model.Sampling;

/**
 * The studio's session on disk: the current groove, the history, slots A and B, the pad's corners,
 * the tempo and the model file, each groove with its z, sampling and decoder inputs so that the
 * latent tools go on from exactly where they were. JSON, written atomically (a crash mid-write
 * leaves the previous session), arrays as base64 of their IEEE bits so nothing is rounded.
 */
public final class SessionFile {

    /** Format version; a file of another version is not read (the studio starts a new session). */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What is kept of a session. {@code corners} has four entries or none. */
    public record Snapshot(StudioGroove current, List<StudioGroove> history, StudioGroove slotA, StudioGroove slotB,
                           List<StudioGroove> corners, double bpm, String modelFile) {

        /** The restore question's words: how many grooves, the one on the grid, the tempo. */
        public String summary() {
            int n = history.size();
            return n + (n == 1 ? " groove" : " grooves") + " in the history, \"" + current.label() + "\" on the grid, "
                + Math.round(bpm) + " BPM.";
        }

        /** Whether the session was saved with the model {@code inUse} (its stored codes then still mean something). */
        public boolean sameModel(Path inUse) {
            return modelFile != null && Path.of(modelFile).equals(inUse);
        }

        /**
         * The model to open before restoring: the session's own when it is another than {@code inUse}
         * and still on disk; empty when the session restores with the model in use.
         */
        public Optional<Path> modelToOpen(Path inUse) {
            if (modelFile == null || sameModel(inUse) || !Files.isRegularFile(Path.of(modelFile))) {
                return Optional.empty();
            }
            return Optional.of(Path.of(modelFile));
        }
    }

    private SessionFile() {
    }

    /**
     * Where the session is kept: the {@code backbeat.session} system property ("none" turns it off,
     * as the test suite does), else {@code $XDG_DATA_HOME/backbeat/session.json}
     * ({@code ~/.local/share/backbeat/session.json}). Empty when off.
     */
    public static Optional<Path> defaultPath() {
        String p = System.getProperty("backbeat.session");
        if (p != null && !p.isBlank()) {
            return p.equals("none") ? Optional.empty() : Optional.of(Path.of(p));
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".local", "share");
        return Optional.of(base.resolve("backbeat").resolve("session.json"));
    }

    public static void save(Snapshot s, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "backbeat-session");
        root.put("version", VERSION);
        root.put("bpm", s.bpm());
        if (s.modelFile() != null) {
            root.put("modelFile", s.modelFile());
        }
        root.set("current", groove(s.current()));
        ArrayNode h = root.putArray("history");
        s.history().forEach(g -> h.add(groove(g)));
        if (s.slotA() != null) {
            root.set("slotA", groove(s.slotA()));
        }
        if (s.slotB() != null) {
            root.set("slotB", groove(s.slotB()));
        }
        ArrayNode c = root.putArray("corners");
        s.corners().forEach(g -> c.add(groove(g)));
        byte[] bytes = JSON.writeValueAsBytes(root);
        AtomicFiles.write(file, bytes);
    }

    /** The saved session; empty when there is none; an IOException with the reason when damaged. */
    public static Optional<Snapshot> load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !"backbeat-session".equals(root.path("format").asText())) {
                throw new IOException(file.getFileName() + " is not a Backbeat session");
            }
            if (root.path("version").asInt() != VERSION) {
                throw new IOException(file.getFileName() + " is a session of version " + root.path("version").asInt()
                    + ", this Backbeat reads version " + VERSION);
            }
            List<StudioGroove> history = new ArrayList<>();
            root.path("history").forEach(n -> history.add(groove(n)));
            List<StudioGroove> corners = new ArrayList<>();
            root.path("corners").forEach(n -> corners.add(groove(n)));
            if (!corners.isEmpty() && corners.size() != 4) {
                throw new IOException("a session has 4 corners or none, this one " + corners.size());
            }
            return Optional.of(new Snapshot(groove(root.path("current")), history,
                root.has("slotA") ? groove(root.get("slotA")) : null, root.has("slotB") ? groove(root.get("slotB")) : null,
                corners, root.path("bpm").asDouble(Groove.DEFAULT_QPM),
                root.has("modelFile") ? root.get("modelFile").asText() : null));
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException("damaged session file " + file.getFileName() + " (" + e.getMessage() + ")", e);
        }
    }

    private static ObjectNode groove(StudioGroove g) {
        ObjectNode n = JSON.createObjectNode();
        n.put("label", g.label());
        n.put("qpm", g.groove().qpm());
        float[] tensor = new float[Groove.STEPS * Groove.FEATURES];
        g.groove().toTensor(tensor, 0);
        n.put("tensor", floats(tensor));
        if (g.z() != null) {
            n.put("z", floats(g.z()));
            n.put("temperature", g.sampling().temperature());
            if (!g.sampling().isGreedy()) {
                n.put("draws", doubles(g.sampling().uniforms()));
            }
            if (g.inputs() != null) {
                n.put("inputs", floats(g.inputs()));
            }
        }
        return n;
    }

    private static StudioGroove groove(JsonNode n) {
        if (n == null || n.isMissingNode() || !n.has("tensor")) {
            throw new IllegalArgumentException("a groove without its tensor");
        }
        float[] flat = floats(n.get("tensor").asText());
        if (flat.length != Groove.STEPS * Groove.FEATURES) {
            throw new IllegalArgumentException("a groove tensor of " + flat.length + " values");
        }
        float[][] rows = new float[Groove.STEPS][Groove.FEATURES];
        for (int t = 0; t < Groove.STEPS; t++) {
            System.arraycopy(flat, t * Groove.FEATURES, rows[t], 0, Groove.FEATURES);
        }
        Groove groove = Groove.fromTensor(rows, n.path("qpm").asDouble(Groove.DEFAULT_QPM));
        String label = n.path("label").asText("restored");
        if (!n.has("z")) {
            return new StudioGroove(groove, label, null);
        }
        double t = n.path("temperature").asDouble(0);
        Sampling s = t > 0 ? new Sampling(t, doubles(n.get("draws").asText())) : Sampling.greedy();
        return new StudioGroove(groove, label, floats(n.get("z").asText()), s,
            n.has("inputs") ? floats(n.get("inputs").asText()) : null);
    }

    private static String floats(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length);
        for (float f : v) {
            b.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    private static float[] floats(String s) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(s));
        float[] v = new float[b.remaining() / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }

    private static String doubles(double[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length);
        for (double d : v) {
            b.putDouble(d);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    private static double[] doubles(String s) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(s));
        double[] v = new double[b.remaining() / 8];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getDouble();
        }
        return v;
    }
}
