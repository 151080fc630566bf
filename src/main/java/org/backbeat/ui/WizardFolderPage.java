package org.backbeat.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.backbeat.train.TrainingSession;

/**
 * Page 1 of the training wizard ({@code fxml/wizard-folder.fxml}): the folder (chosen, dropped, or
 * the one of a run to resume), its scan report and the drum-channel choice. What is read and said
 * is {@link TrainingSession}'s; this binds it to the page.
 */
final class WizardFolderPage {

    private final TrainingSession session;
    private final Background background;
    private final Window owner;
    private final FileDialogs dialogs;

    @FXML private VBox folderPage;
    @FXML private VBox resumeBox;
    @FXML private ListView<Path> resumeList;
    @FXML private Label folderLabel;
    @FXML private ProgressBar scanProgress;
    @FXML private Label scanSummary;
    @FXML private ListView<String> scanDetails;
    @FXML private CheckBox otherChannelsCheck;

    private final BooleanProperty folderOk = new SimpleBooleanProperty(false);
    /** The latest scan: only its report is shown. */
    private Task<TrainingSession.Scan> scanning;

    WizardFolderPage(TrainingSession session, Background background, Window owner, FileDialogs dialogs) {
        this.session = session;
        this.background = background;
        this.owner = owner;
        this.dialogs = dialogs;
    }

    /** Whether the folder read has something to train on (the wizard's Next). */
    ReadOnlyBooleanProperty folderOkProperty() {
        return folderOk;
    }

    @FXML
    void initialize() {
        List<Path> interrupted = session.interruptedRuns();
        if (!interrupted.isEmpty()) {
            resumeList.getItems().setAll(interrupted);
            resumeList.getSelectionModel().selectFirst();
            resumeBox.setVisible(true);
            resumeBox.setManaged(true);
        }
        folderPage.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().get(0).isDirectory()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        folderPage.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles() && e.getDragboard().getFiles().get(0).isDirectory();
            if (ok) {
                scan(e.getDragboard().getFiles().get(0).toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    @FXML
    void onChooseFolder() {
        dialogs.chooseFolder(owner, "Folder of drum MIDI files").ifPresent(this::scan);
    }

    @FXML
    void onResume() {
        Path ckpt = resumeList.getSelectionModel().getSelectedItem();
        if (ckpt == null) {
            return;
        }
        TrainingSession.RunSettings run = session.resume(ckpt);
        // no best model written yet: the user picks the folder again
        Optional<Path> data = run.data();
        scanSummary.setText("Resuming " + session.resumeTarget().getFileName() + ": " + data.map(p -> "reading " + p)
            .orElse("choose the folder it was trained on"));
        data.filter(Files::isDirectory).ifPresent(this::scan);
    }

    /** Reads {@code dir} in the background with the folder's drum-channel choice and shows the report. */
    void scan(Path dir) {
        session.useFolder(dir);
        boolean other = session.otherChannel();
        otherChannelsCheck.setSelected(other);
        otherChannelsCheck.setVisible(other);
        otherChannelsCheck.setManaged(other);
        folderOk.set(false);
        folderLabel.setText(dir.toString());
        scanProgress.setVisible(true);
        scanDetails.getItems().clear();
        scanSummary.setText("Reading…");
        Task<TrainingSession.Scan> task = new Task<>() {
            @Override
            protected TrainingSession.Scan call() throws Exception {
                return TrainingSession.scan(dir, other, (done, total, what) -> {
                    updateProgress(done, Math.max(1, total));
                    updateMessage(what);
                });
            }
        };
        scanProgress.progressProperty().bind(task.progressProperty());
        scanning = task;
        task.setOnSucceeded(e -> {
            if (scanning == task) { // a scan overtaken by another folder or choice says nothing: the newer one will
                scanProgress.progressProperty().unbind();
                scanProgress.setVisible(false);
                showReport(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            if (scanning == task) {
                scanProgress.progressProperty().unbind();
                scanProgress.setVisible(false);
                scanSummary.setText("Could not read " + dir + ": " + task.getException().getMessage());
            }
        });
        background.execute("backbeat-scan", task);
    }

    /** The per-folder choice: rescans with drums read from other channels (or not), and trains so. */
    @FXML
    void onOtherChannels() {
        if (session.folder() != null) {
            session.setOtherChannel(otherChannelsCheck.isSelected());
            scan(session.folder());
        }
    }

    private void showReport(TrainingSession.Scan scan) {
        boolean offer = scan.offersOtherChannel();
        otherChannelsCheck.setVisible(offer);
        otherChannelsCheck.setManaged(offer);
        scanDetails.getItems().setAll(scan.details());
        scanSummary.setText(scan.summary());
        folderOk.set(scan.usable());
    }
}
