package dev.rtc.server;

import java.net.InetSocketAddress;
import java.time.Instant;

/** One received message and what the server did with it: the material of one log line. */
public record RequestEvent(Instant time, String transport, InetSocketAddress from, InetSocketAddress receivedOn,
                           int length, Answer answer) {
}
