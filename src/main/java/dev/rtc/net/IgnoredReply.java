package dev.rtc.net;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A reply that carried a pending transaction's id but did not count, because it came from an address other
 * than the one the request went to.
 *
 * @param source where it came from
 * @param after  how long after the first transmission it arrived
 * @param data   the reply as received
 */
public record IgnoredReply(InetSocketAddress source, Duration after, byte[] data) {
}
