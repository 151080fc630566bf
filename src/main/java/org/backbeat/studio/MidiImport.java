package org.backbeat.studio;

import java.nio.file.Path;
import java.util.Optional;
import org.backbeat.midi.MidiFiles;
import org.backbeat.midi.MidiScan;
import org.backbeat.midi.ReadOptions;

/**
 * A .mid file opened or dropped in the studio, read as a musician's import: its 4-bar sections,
 * what the status line says about it (which channel was taken for drums), or why it gave none.
 */
public record MidiImport(String name, MidiScan scan) {

    /** Reads {@code file} (never throws: a file that gives no groove says why in {@link #failure()}). */
    public static MidiImport read(Path file) {
        MidiScan scan = MidiFiles.scan(file, ReadOptions.userImport());
        return new MidiImport(file.getFileName().toString().replaceFirst("\\.midi?$", ""), scan);
    }

    /** Why the file gave no groove, or empty when it gave some. */
    public Optional<String> failure() {
        return scan.ok() ? Optional.empty() : scan.skipReason();
    }

    /** The status line's words once it is open: its channel note, else "Opened name". */
    public String status() {
        return scan.channelNote().map(n -> name + ": " + n).orElse("Opened " + name);
    }

    /**
     * Its first section as a groove for the grid or a slot; with {@code sectionsToHistory} the next
     * few go into {@code session}'s history ({@link StudioSession#addSections}).
     */
    public StudioGroove first(StudioSession session, boolean sectionsToHistory) {
        return sectionsToHistory ? session.addSections(name, scan.windows())
            : new StudioGroove(scan.windows().get(0), name, null);
    }
}
