package org.backbeat.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.event.ActionEvent;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import org.backbeat.groove.Groove;
import org.backbeat.train.TrainingJob;
import org.backbeat.train.TrainingSession;
import org.controlsfx.dialog.Wizard;
import org.controlsfx.dialog.WizardPane;

/**
 * "Train a model from a MIDI folder": folder and scan report, settings with a measured time
 * estimate, the live run, and the result next to the starting model. Every step calls the same
 * {@link TrainingJob} / {@link org.backbeat.train.Trainer} as {@code backbeat train}. This class
 * owns the navigation only: it builds the four pages (one controller each: {@link WizardFolderPage},
 * {@link WizardSettingsPage}, {@link WizardTrainingPage}, {@link WizardResultPage}) around one
 * {@link TrainingSession}, tells the session which page is showing, and guards leaving a run.
 */
final class TrainingWizard {

    private final Window owner;
    private final TrainingSession session;
    private final WizardFolderPage folderPage;
    private final WizardSettingsPage settingsPage;
    private final WizardTrainingPage trainingPage;
    private final WizardResultPage resultPage;
    private WizardPane resultPane;

    TrainingWizard(Window owner, FileDialogs dialogs, Background background, TrainingSession session,
                   BiConsumer<org.backbeat.model.Task, Path> useModel, Consumer<Groove> audition) {
        this.owner = owner;
        this.session = session;
        folderPage = new WizardFolderPage(session, background, owner, dialogs);
        settingsPage = new WizardSettingsPage(session, background);
        resultPage = new WizardResultPage(session, background, useModel, settingsPage::steps, this::previous);
        trainingPage = new WizardTrainingPage(session, background, owner, audition, settingsPage::plan,
            resultPage::newRun);
    }

    /**
     * Shows the wizard (modal, returns when it closes); whatever still runs is cancelled then.
     *
     * @param background runs the scan, the speed probe, the training and the evaluation
     * @param startModel the model to fine-tune (the studio's current one), or null
     * @param useModel   called with a new model file and its task when the user chooses to use it
     * @param audition   plays a groove (samples from the training run)
     */
    static void open(Window owner, FileDialogs dialogs, Background background, Path startModel,
                     BiConsumer<org.backbeat.model.Task, Path> useModel, Consumer<Groove> audition) {
        TrainingWizard w = new TrainingWizard(owner, dialogs, background,
            new TrainingSession(TrainingSession.userModelsFolder(), startModel), useModel, audition);
        w.build().showAndWait();
        w.session.close();
    }

    Wizard build() {
        Wizard wizard = new Wizard(owner, "Train a model from your MIDI");
        WizardPane folderPane = page("wizard-folder.fxml", "1 · Your MIDI folder", folderPage, w -> {
            w.invalidProperty().unbind();
            w.invalidProperty().bind(folderPage.folderOkProperty().not());
            session.enter(TrainingSession.Page.FOLDER);
        });
        WizardPane settingsPane = page("wizard-settings.fxml", "2 · How to train", settingsPage, w -> {
            w.invalidProperty().unbind();
            w.invalidProperty().set(false);
            session.enter(TrainingSession.Page.SETTINGS);
            settingsPage.enter();
        });
        WizardPane trainingPane = page("wizard-training.fxml", "3 · Training", trainingPage, w -> {
            w.invalidProperty().unbind();
            w.invalidProperty().bind(trainingPage.trainingDoneProperty().not());
            trainingPage.enter(session.enter(TrainingSession.Page.TRAINING));
        });
        resultPane = page("wizard-result.fxml", "4 · Result", resultPage, w -> {
            w.invalidProperty().unbind();
            w.invalidProperty().set(false);
            session.enter(TrainingSession.Page.RESULT);
            resultPage.enter();
        });
        guardTheRun(trainingPane);
        wizard.setFlow(new Wizard.LinearFlow(folderPane, settingsPane, trainingPane, resultPane));
        return wizard;
    }

    private static WizardPane page(String fxml, String header, Object controller, Consumer<Wizard> onEnter) {
        Node content;
        try {
            FXMLLoader loader = new FXMLLoader(TrainingWizard.class.getResource("/fxml/" + fxml));
            loader.setController(controller);
            content = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the wizard page " + fxml, e);
        }
        WizardPane p = new WizardPane() {
            @Override
            public void onEnteringPage(Wizard w) {
                onEnter.accept(w);
            }
        };
        p.setHeaderText(header);
        p.setContent(content);
        p.getStylesheets().add(TrainingWizard.class.getResource("/styles/studio.css").toExternalForm());
        p.getStyleClass().add("wizard");
        // One size for every page: the dialog does not resize between pages, so the largest wins.
        p.setPrefSize(800, 640);
        return p;
    }

    /**
     * Closing the window or Cancel while a run goes on asks first; Previous is refused (it would
     * leave the run going on behind changed settings: it is stopped first, or kept and the page stays).
     */
    private void guardTheRun(WizardPane pane) {
        pane.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((o2, a2, window) -> {
                    if (window != null) {
                        window.setOnCloseRequest(e -> {
                            if (!trainingPage.confirmStop()) {
                                e.consume();
                            }
                        });
                    }
                });
            }
        });
        Node cancel = pane.lookupButton(ButtonType.CANCEL);
        if (cancel != null) {
            cancel.addEventFilter(ActionEvent.ACTION, e -> {
                if (!trainingPage.confirmStop()) {
                    e.consume();
                }
            });
        }
        pane.addEventFilter(ActionEvent.ACTION, e -> {
            if (e.getTarget() instanceof Button b && ButtonBar.getButtonData(b) == ButtonBar.ButtonData.BACK_PREVIOUS
                && trainingPage.refusesBack()) {
                e.consume();
            }
        });
    }

    /** Back from the result to the training page ("Train more"), as the Previous button goes. */
    private void previous() {
        resultPane.lookupAll(".button").stream()
            .filter(b -> b instanceof Button bt && ButtonBar.getButtonData(bt) == ButtonBar.ButtonData.BACK_PREVIOUS)
            .map(Button.class::cast).findFirst().ifPresent(Button::fire);
    }
}
