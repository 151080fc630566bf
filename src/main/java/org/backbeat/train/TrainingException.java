package org.backbeat.train;

/** A training run that cannot go on; the message says why in one line. */
public class TrainingException extends Exception {
    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }

    public TrainingException(String message) {
        super(message);
    }
}
