package org.backbeat.ui;

import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** The studio's message windows: errors, the shortcuts table, the model card, About. */
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

    /** A non-modal error window with {@code message} (one line) under the header {@code what}. */
    static Alert error(Window owner, String what, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        a.initOwner(owner);
        a.setTitle("Backbeat");
        a.setHeaderText(what);
        a.show();
        return a;
    }

    /** The shortcuts in a two-column grid, so keys and actions line up in any font. */
    static Alert shortcuts(Window owner) {
        GridPane table = new GridPane();
        table.setId("shortcutTable");
        table.setHgap(24);
        table.setVgap(4);
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        table.getColumnConstraints().addAll(keys, new ColumnConstraints());
        for (int r = 0; r < SHORTCUTS.size(); r++) {
            Label key = new Label(SHORTCUTS.get(r)[0]);
            key.getStyleClass().add("shortcut-key");
            table.add(key, 0, r);
            table.add(new Label(SHORTCUTS.get(r)[1]), 1, r);
        }
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(owner);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        a.getDialogPane().setContent(table);
        a.show();
        return a;
    }

    static Alert text(Window owner, String title, String header, String body) {
        TextArea text = new TextArea(body);
        text.setId("modelCardText");
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefSize(620, 420);
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(header);
        a.getDialogPane().setContent(text);
        a.show();
        return a;
    }

    /** "Restore last session" or "New session"; {@code answer} gets true for restore. */
    static void restoreOrNew(Window owner, String what, java.util.function.Consumer<Boolean> answer) {
        ButtonType restore = new ButtonType("Restore last session", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        ButtonType fresh = new ButtonType("New session", javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, what, restore, fresh);
        a.initOwner(owner);
        a.setTitle("Backbeat");
        a.setHeaderText("Restore your last session?");
        a.setOnHidden(e -> answer.accept(a.getResult() == restore));
        a.show();
    }

    /** Asks whether to quit although the session is not saved; {@code quit} runs on yes. */
    static void quitUnsaved(Window owner, String why, Runnable quit) {
        ButtonType yes = new ButtonType("Quit without saving", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        Alert a = new Alert(Alert.AlertType.WARNING, why, yes, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setTitle("Backbeat");
        a.setHeaderText("Your session is not saved");
        a.setOnHidden(e -> {
            if (a.getResult() == yes) {
                quit.run();
            }
        });
        a.show();
    }

    static void about(Window owner) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(owner);
        a.setTitle("About Backbeat");
        a.setHeaderText("Backbeat " + org.backbeat.Backbeat.version());
        a.setContentText("A drum-groove studio running a GrooVAE/MusicVAE model locally.\n"
            + "The shipped model was trained on the Groove MIDI Dataset (Google, CC BY 4.0).");
        a.show();
    }
}
