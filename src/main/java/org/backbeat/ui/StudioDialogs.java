package org.backbeat.ui;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

/**
 * What the studio's windows say: the shortcuts table, the model card's text, About, and the two
 * questions. The {@link DialogService} shows them.
 */
final class StudioDialogs {

    /** Keys and what they do, as the shortcuts window lists them. */
    static final List<String[]> SHORTCUTS = List.of(
        new String[] {"G", "Generate 4 bars"},
        new String[] {"H", "Humanize the groove"},
        new String[] {"T (Tap on)", "Tap a rhythm"},
        new String[] {"D", "Drumify the taps or the groove"},
        new String[] {"V", "Vary: grooves around the one on the grid"},
        new String[] {"R", "Re-roll the bar chosen on the ruler"},
        new String[] {"Enter", "Keep the variation being auditioned"},
        new String[] {"Space", "Play / stop"},
        new String[] {"Ctrl+Z", "Undo"},
        new String[] {"Ctrl+Shift+Z, Ctrl+Y", "Redo"},
        new String[] {"Ctrl+O", "Open MIDI"},
        new String[] {"Ctrl+E", "Export MIDI"},
        new String[] {"Ctrl+Q", "Quit"},
        new String[] {"Click a cell", "Add / remove a hit"},
        new String[] {"Drag up/down", "Velocity"},
        new String[] {"Alt+drag", "Micro-timing"},
        new String[] {"Click L / M / S", "Lock, mute, solo a lane"},
        new String[] {"Click a bar number", "Choose the bar to re-roll"});

    private StudioDialogs() {
    }

    /** The shortcuts in a two-column grid, so keys and actions line up in any font. */
    static Node shortcutTable() {
        GridPane table = new GridPane();
        table.setId("shortcutTable");
        table.setHgap(24);
        table.setVgap(4);
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(Region.USE_PREF_SIZE);
        table.getColumnConstraints().addAll(keys, new ColumnConstraints());
        for (int r = 0; r < SHORTCUTS.size(); r++) {
            Label key = new Label(SHORTCUTS.get(r)[0]);
            key.getStyleClass().add("shortcut-key");
            table.add(key, 0, r);
            table.add(new Label(SHORTCUTS.get(r)[1]), 1, r);
        }
        return table;
    }

    /** A long text to read and copy from (the model card). */
    static Node longText(String body) {
        TextArea text = new TextArea(body);
        text.setId("modelCardText");
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefSize(620, 420);
        return text;
    }

    static final String ABOUT_TITLE = "About Backbeat";

    static String aboutHeader() {
        return "Backbeat " + org.backbeat.Backbeat.version();
    }

    static final String ABOUT = "A drum-groove studio running a GrooVAE/MusicVAE model locally.\n"
        + "The shipped model was trained on the Groove MIDI Dataset (Google, CC BY 4.0).";

    /** "Restore last session" (yes) or "New session" (no), {@code what} describing the last one. */
    static DialogService.Question restoreOrNew(String what) {
        return new DialogService.Question("Restore your last session?", what, "Restore last session", "New session",
            false);
    }

    /** Whether to quit although the session is not saved, {@code why} saying why it is not. */
    static DialogService.Question quitUnsaved(String why) {
        return new DialogService.Question("Your session is not saved", why, "Quit without saving", "Cancel", true);
    }
}
