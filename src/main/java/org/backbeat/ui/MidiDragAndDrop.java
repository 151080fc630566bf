package org.backbeat.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import org.backbeat.studio.StudioSession;

/**
 * The studio's drag and drop of .mid files: a file dropped on a target (the grid, a slot, Drumify),
 * and the groove dragged out of the window from its handle (into a DAW or a folder) as a file.
 */
final class MidiDragAndDrop {

    private MidiDragAndDrop() {
    }

    /** A .mid or .midi file dropped on {@code target} goes to {@code onFile}; the window's own drag ({@code source}) is refused. */
    static void acceptDrops(Node target, Node source, Consumer<Path> onFile) {
        target.setOnDragOver((DragEvent e) -> {
            if (e.getGestureSource() != source && midiFile(e.getDragboard()) != null) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        target.setOnDragDropped((DragEvent e) -> {
            File f = midiFile(e.getDragboard());
            if (f != null) {
                onFile.accept(f.toPath());
            }
            e.setDropCompleted(f != null);
            e.consume();
        });
    }

    /** A drag from {@code handle} carries the session's groove as it exports, in a temporary .mid. */
    static void dragExports(Node handle, StudioSession session, BiConsumer<String, Throwable> showError) {
        handle.setOnDragDetected(e -> {
            try {
                Path tmp = Files.createTempDirectory("backbeat-drag").resolve(session.exportName());
                org.backbeat.midi.MidiFiles.write(session.exportGroove(), session.swing(), tmp);
                tmp.toFile().deleteOnExit();
                tmp.getParent().toFile().deleteOnExit();
                Dragboard db = handle.startDragAndDrop(TransferMode.COPY);
                ClipboardContent content = new ClipboardContent();
                content.putFiles(List.of(tmp.toFile()));
                db.setContent(content);
                session.markExported();
            } catch (IOException ex) {
                showError.accept("Could not prepare the MIDI file for dragging", ex);
            }
            e.consume();
        });
    }

    private static File midiFile(Dragboard db) {
        if (!db.hasFiles()) {
            return null;
        }
        return db.getFiles().stream().filter(f -> f.getName().toLowerCase().matches(".*\\.midi?$"))
            .findFirst().orElse(null);
    }
}
