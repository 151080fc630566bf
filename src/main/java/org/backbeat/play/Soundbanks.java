package org.backbeat.play;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Soundbank;

/** Reads SoundFont (.sf2) and DLS files with one-line errors. */
final class Soundbanks {

    private Soundbanks() {
    }

    static Soundbank read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such soundfont: " + file);
        }
        try {
            Soundbank bank = MidiSystem.getSoundbank(file.toFile());
            if (bank == null || bank.getInstruments().length == 0) {
                throw new IOException(file.getFileName() + ": soundfont has no instruments");
            }
            return bank;
        } catch (InvalidMidiDataException e) {
            throw new IOException(file.getFileName() + ": not a SoundFont (.sf2) or DLS file", e);
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(file.getFileName().toString()) ? e
                : new IOException(file.getFileName() + ": cannot read soundfont ("
                    + org.backbeat.io.Errors.describe(e) + ")", e);
        } catch (RuntimeException e) {
            // Gervill's parsers throw unchecked exceptions on damaged RIFF chunks
            throw new IOException(file.getFileName() + ": damaged soundfont (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
