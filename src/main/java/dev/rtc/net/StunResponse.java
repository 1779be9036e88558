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
 * <p>After a retransmission the answer may be to any of the transmissions, so its round-trip time is known only
 * when the server said which one it answered (RFC 7982's TRANSACTION-TRANSMIT-COUNTER echoed); otherwise the RTT
 * is ambiguous and, by Karn's rule, no RTT at all: {@link #rtt()} is empty and {@link #ambiguity()} says why.
 *
 * @param message              the response, decoded
 * @param source               the address it actually came from
 * @param local                the local address it arrived on
 * @param sinceFirst           time from the first transmission to the answer
 * @param sinceAnswered        time from the transmission it answered, when that is known
 * @param transmissions        how many times the request went out
 * @param ignored              replies with the transaction id that came from other addresses and did not count
 * @param answeredTransmission which transmission (from 1) the answer was to, 0 when that is not known
 */
public record StunResponse(StunMessage message, InetSocketAddress source, InetSocketAddress local,
        Duration sinceFirst, Optional<Duration> sinceAnswered, int transmissions, List<IgnoredReply> ignored,
        int answeredTransmission) {

    /** Transmissions after the first. */
    public int retransmissions() {
        return transmissions - 1;
    }

    /** The round-trip time, from the transmission answered; empty when that is ambiguous. */
    public Optional<Duration> rtt() {
        return sinceAnswered;
    }

    /** Why there is no RTT (empty when there is one). */
    public Optional<String> ambiguity() {
        if (sinceAnswered.isPresent()) {
            return Optional.empty();
        }
        return Optional.of("answered after " + transmissions + " transmissions and no TRANSACTION-TRANSMIT-COUNTER"
                + " echoed to say which one: the answer may be to any of them");
    }

    public boolean isError() {
        return message.messageClass() == MessageClass.ERROR_RESPONSE;
    }
}
