package dev.rtc.net;

import dev.rtc.stun.MessageClass;
import dev.rtc.stun.StunMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The answer to a client transaction and how it came: from where, to which local address, after how long and
 * how many transmissions. An error response is an answer too; callers look at {@link #isError()}.
 *
 * @param message       the response, decoded
 * @param source        the address it actually came from
 * @param local         the local address it arrived on
 * @param sinceFirst    time from the first transmission to the answer
 * @param sinceAnswered time from the transmission it answered, when unambiguous (only one transmission went out)
 * @param transmissions how many times the request went out
 * @param ignored       replies with the transaction id that came from other addresses and did not count
 */
public record StunResponse(StunMessage message, InetSocketAddress source, InetSocketAddress local,
        Duration sinceFirst, Optional<Duration> sinceAnswered, int transmissions, List<IgnoredReply> ignored) {

    /** Transmissions after the first. */
    public int retransmissions() {
        return transmissions - 1;
    }

    /** The round-trip time: from the answered transmission when known, else from the first one. */
    public Duration rtt() {
        return sinceAnswered.orElse(sinceFirst);
    }

    public boolean isError() {
        return message.messageClass() == MessageClass.ERROR_RESPONSE;
    }
}
