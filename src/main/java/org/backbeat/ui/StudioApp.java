package org.backbeat.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The studio window. (Placeholder until the studio issue lands.) */
public class StudioApp extends Application {

    public static void launchStudio(String[] args) {
        Application.launch(StudioApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        StackPane root = new StackPane(new Label("Backbeat"));
        stage.setTitle("Backbeat");
        stage.setScene(new Scene(root, 1280, 760));
        stage.show();
    }
}
