package dev.rtc.turn;

import java.net.InetSocketAddress;

/** A granted allocation: the relayed and mapped addresses, the lifetime and what the server said about itself. */
public record Allocation(InetSocketAddress relayed, InetSocketAddress mapped, long lifetimeSeconds, String software,
                         String realm) {
}
