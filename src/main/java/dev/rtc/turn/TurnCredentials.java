package dev.rtc.turn;

/**
 * A TURN username and password. {@link #toString()} never shows the password, so a credential cannot leak into
 * output, logs or a --debug stack trace by accident.
 */
public record TurnCredentials(String username, String password) {

    @Override
    public String toString() {
        return "TurnCredentials[username=" + username + ", password=(hidden)]";
    }
}
