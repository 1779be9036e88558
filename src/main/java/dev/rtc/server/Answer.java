package dev.rtc.server;

import java.net.InetSocketAddress;

/**
 * What the server does with one received datagram or TCP message: send {@code bytes} from socket
 * {@code fromSocket} to {@code to}, or (when {@code bytes} is null) nothing, for {@code reason}.
 * {@code summary} is the log text.
 */
public record Answer(byte[] bytes, int fromSocket, InetSocketAddress to, String summary, DropReason reason) {

    public Answer(byte[] bytes, int fromSocket, InetSocketAddress to, String summary) {
        this(bytes, fromSocket, to, summary, null);
    }

    public static Answer drop(DropReason reason, String why) {
        return new Answer(null, -1, null, "dropped: " + why, reason);
    }

    public boolean dropped() {
        return bytes == null;
    }
}
