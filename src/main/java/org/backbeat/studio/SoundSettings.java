package org.backbeat.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.backbeat.io.AtomicFiles;

/**
 * Where the studio's sound goes, remembered between runs: the SoundFont (.sf2) the built-in
 * synthesizer plays (null: its own sounds) and the MIDI output port (null: the built-in
 * synthesizer). Unlike the session, nothing asks before it is applied at start-up: a musician who
 * picked a DAW's port wants the next run to play there too. JSON beside the session file.
 */
public record SoundSettings(String soundFont, String midiPort) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The built-in synthesizer with its own sounds. */
    public static SoundSettings defaults() {
        return new SoundSettings(null, null);
    }

    public SoundSettings withSoundFont(String file) {
        return new SoundSettings(file, midiPort);
    }

    public SoundSettings withMidiPort(String port) {
        return new SoundSettings(soundFont, port);
    }

    /**
     * What the MIDI output menu offers, in order: the built-in synthesizer (null), the ports
     * {@code listed}, and the port in use when it is not listed now (a device unplugged since).
     */
    public List<String> outputChoices(List<String> listed) {
        List<String> names = new ArrayList<>();
        names.add(null);
        names.addAll(listed);
        if (midiPort != null && !listed.contains(midiPort)) {
            names.add(midiPort); // in use, though not listed now
        }
        return names;
    }

    /** The SoundFont the built-in synthesizer should load: one is chosen and no MIDI port is in use. */
    public Optional<Path> soundFontToLoad() {
        return midiPort == null && soundFont != null ? Optional.of(Path.of(soundFont)) : Optional.empty();
    }

    /** {@code sound.json} beside the session file; empty when sessions are off. */
    public static Optional<Path> defaultPath() {
        return SessionFile.defaultPath().map(p -> p.resolveSibling("sound.json"));
    }

    public void save(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "backbeat-sound");
        if (soundFont != null) {
            root.put("soundFont", soundFont);
        }
        if (midiPort != null) {
            root.put("midiPort", midiPort);
        }
        AtomicFiles.write(file, JSON.writeValueAsBytes(root));
    }

    /** The saved settings; the defaults when there is no file; an IOException when it is damaged. */
    public static SoundSettings load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return defaults();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !"backbeat-sound".equals(root.path("format").asText())) {
                throw new IOException(file.getFileName() + " is not Backbeat's sound settings");
            }
            return new SoundSettings(root.hasNonNull("soundFont") ? root.get("soundFont").asText() : null,
                root.hasNonNull("midiPort") ? root.get("midiPort").asText() : null);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException("damaged sound settings " + file.getFileName() + " (" + e.getMessage() + ")", e);
        }
    }
}
