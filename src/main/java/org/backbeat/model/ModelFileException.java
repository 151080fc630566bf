package org.backbeat.model;

import java.io.IOException;

/** A model file that cannot be read or written; the message is one line for people. */
public class ModelFileException extends IOException {
    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
