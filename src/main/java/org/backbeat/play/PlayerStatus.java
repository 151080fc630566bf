package org.backbeat.play;

/** What the player can do on this machine, in one line for the status bar. */
public record PlayerStatus(boolean soundAvailable, String message) {
}
