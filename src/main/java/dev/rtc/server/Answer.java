package dev.rtc.server;

import java.net.InetSocketAddress;

/**
 * What the server does with one received datagram or TCP message: send {@code bytes} from socket
 * {@code fromSocket} to {@code to}, or (when {@code bytes} is null) nothing. {@code summary} is the log text.
 */
public record Answer(byte[] bytes, int fromSocket, InetSocketAddress to, String summary) {

    public static Answer drop(String why) {
        return new Answer(null, -1, null, "dropped: " + why);
    }

    public boolean dropped() {
        return bytes == null;
    }
}
