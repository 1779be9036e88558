package dev.rtc.server;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the server has done since it started, for its metrics: messages received and answers sent per transport,
 * and drops per {@link DropReason}. Cheap to update from every receiving thread at once.
 */
public final class ServerCounters {
    /** The transports counted, as the metrics label them. */
    public static final String[] TRANSPORTS = {"udp", "tcp", "tls"};

    private final LongAdder[] requests = adders(TRANSPORTS.length);
    private final LongAdder[] answers = adders(TRANSPORTS.length);
    private final LongAdder[] dropped = adders(DropReason.values().length);
    private final LongAdder udpReceiveCalls = new LongAdder();

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    void received(int transport) {
        requests[transport].increment();
    }

    void answered(int transport) {
        answers[transport].increment();
    }

    /** One system call that took UDP datagrams (one or a batch). */
    void udpReceiveCall() {
        udpReceiveCalls.increment();
    }

    void drop(DropReason reason) {
        dropped[reason.ordinal()].increment();
    }

    /** Messages received over {@code TRANSPORTS[transport]}. */
    public long requests(int transport) {
        return requests[transport].sum();
    }

    /** Answers sent over {@code TRANSPORTS[transport]} (success and error responses). */
    public long answers(int transport) {
        return answers[transport].sum();
    }

    public long dropped(DropReason reason) {
        return dropped[reason.ordinal()].sum();
    }

    /** System calls that took UDP datagrams: {@code requests(0)} over this is the average batch. */
    public long udpReceiveCalls() {
        return udpReceiveCalls.sum();
    }
}
