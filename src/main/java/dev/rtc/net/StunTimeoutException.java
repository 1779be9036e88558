package dev.rtc.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * No valid answer in time. Says how many transmissions went out, how long the transaction waited, and which
 * replies carried the transaction id but were ignored because they came from another address.
 */
public final class StunTimeoutException extends StunTransactionException {
    private static final long serialVersionUID = 1L;

    private final int transmissions;
    private final Duration elapsed;
    private final transient List<IgnoredReply> ignored;

    public StunTimeoutException(InetSocketAddress destination, int transmissions, Duration elapsed,
            List<IgnoredReply> ignored) {
        super(Kind.TIMEOUT, destination, describe(destination, transmissions, elapsed, ignored), null);
        this.transmissions = transmissions;
        this.elapsed = elapsed;
        this.ignored = List.copyOf(ignored);
    }

    private static String describe(InetSocketAddress destination, int transmissions, Duration elapsed,
            List<IgnoredReply> ignored) {
        StringBuilder sb = new StringBuilder("no answer from ").append(Addresses.format(destination))
                .append(" after ").append(transmissions).append(transmissions == 1 ? " transmission" : " transmissions")
                .append(" in ").append(Durations.format(elapsed));
        if (!ignored.isEmpty()) {
            sb.append(" (").append(ignored.size()).append(ignored.size() == 1 ? " reply" : " replies")
                    .append(" with the right transaction id ignored: it came from ")
                    .append(Addresses.format(ignored.get(0).source())).append(')');
        }
        return sb.toString();
    }

    public int transmissions() {
        return transmissions;
    }

    public Duration elapsed() {
        return elapsed;
    }

    /** Replies with the transaction id that came from an address other than the one asked. */
    public List<IgnoredReply> ignored() {
        return ignored;
    }
}
