package org.backbeat.ui;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * The studio's real windows: JavaFX alerts, shown without waiting (the loop plays on), titled
 * "Backbeat" where they have no title of their own; files through {@link FxFileDialogs}' native
 * choosers, or through the {@link FileDialogs} given (the tests' scripted ones, with real windows).
 */
public class FxDialogService implements DialogService {

    private final FileDialogs files;

    /** Native file choosers that remember their folders. */
    public FxDialogService() {
        this(new FxFileDialogs());
    }

    /** These file dialogs, and real message windows. */
    public FxDialogService(FileDialogs files) {
        this.files = files;
    }

    @Override
    public Optional<Path> openMidi(Window owner) {
        return files.openMidi(owner);
    }

    @Override
    public Optional<Path> saveMidi(Window owner, String suggestedName) {
        return files.saveMidi(owner, suggestedName);
    }

    @Override
    public Optional<Path> openModel(Window owner) {
        return files.openModel(owner);
    }

    @Override
    public Optional<Path> openSoundFont(Window owner) {
        return files.openSoundFont(owner);
    }

    @Override
    public Optional<Path> chooseFolder(Window owner, String title) {
        return files.chooseFolder(owner, title);
    }

    @Override
    public void error(Window owner, String header, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        a.initOwner(owner);
        a.setTitle("Backbeat");
        a.setHeaderText(header);
        a.show();
    }

    @Override
    public void message(Window owner, String title, String header, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(header);
        a.setContentText(text);
        a.show();
    }

    @Override
    public void show(Window owner, String title, String header, Node content) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(header);
        a.getDialogPane().setContent(content);
        a.show();
    }

    @Override
    public void ask(Window owner, Question q, Consumer<Boolean> answer) {
        ButtonType yes = new ButtonType(q.yes(), ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType(q.no(), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = new Alert(q.warning() ? Alert.AlertType.WARNING : Alert.AlertType.CONFIRMATION, q.message(), yes, no);
        a.initOwner(owner);
        a.setTitle("Backbeat");
        a.setHeaderText(q.header());
        a.setOnHidden(e -> answer.accept(a.getResult() == yes));
        a.show();
    }
}
