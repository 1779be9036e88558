package dev.rtc.ice;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a server's time went, in microseconds; null where a step did not happen (no DNS for a literal address,
 * no TCP connect over UDP, no TLS handshake without TLS, no authenticated Allocate for STUN).
 * {@code firstResponseCode} is the error code of the first answer (401 for a TURN server asking for credentials),
 * 0 for a success, null when nothing came back. {@code ambiguous} names the exchanges ("firstResponse",
 * "authenticatedAllocate") answered after a retransmission without saying which transmission they answered: their
 * time is null, as Karn's rule has it, since it may be from any of the transmissions.
 */
public record Latency(Long dnsMicros, Long connectMicros, Long tlsMicros, Long firstResponseMicros,
                      Long allocateMicros, Integer firstResponseCode, List<String> ambiguous) {
    public static final Latency NONE = new Latency(null, null, null, null, null, null, List.of());

    public Latency {
        ambiguous = List.copyOf(ambiguous);
    }

    public Latency(Long dnsMicros, Long connectMicros, Long tlsMicros, Long firstResponseMicros, Long allocateMicros) {
        this(dnsMicros, connectMicros, tlsMicros, firstResponseMicros, allocateMicros, null, List.of());
    }

    public Latency(Long dnsMicros, Long connectMicros, Long tlsMicros, Long firstResponseMicros, Long allocateMicros,
                   Integer firstResponseCode) {
        this(dnsMicros, connectMicros, tlsMicros, firstResponseMicros, allocateMicros, firstResponseCode, List.of());
    }

    public Latency withDns(Long v) {
        return new Latency(v, connectMicros, tlsMicros, firstResponseMicros, allocateMicros, firstResponseCode,
                ambiguous);
    }

    public Latency withConnect(Long v) {
        return new Latency(dnsMicros, v, tlsMicros, firstResponseMicros, allocateMicros, firstResponseCode,
                ambiguous);
    }

    public Latency withTls(Long v) {
        return new Latency(dnsMicros, connectMicros, v, firstResponseMicros, allocateMicros, firstResponseCode,
                ambiguous);
    }

    public Latency withFirstResponse(Long v) {
        return new Latency(dnsMicros, connectMicros, tlsMicros, v, allocateMicros, firstResponseCode, ambiguous);
    }

    public Latency withAllocate(Long v) {
        return new Latency(dnsMicros, connectMicros, tlsMicros, firstResponseMicros, v, firstResponseCode, ambiguous);
    }

    public Latency withFirstResponseCode(Integer code) {
        return new Latency(dnsMicros, connectMicros, tlsMicros, firstResponseMicros, allocateMicros, code, ambiguous);
    }

    /** The same with {@code step} (a JSON name of the breakdown) marked ambiguous. */
    public Latency withAmbiguous(String step) {
        List<String> all = new ArrayList<>(ambiguous);
        if (!all.contains(step)) {
            all.add(step);
        }
        return new Latency(dnsMicros, connectMicros, tlsMicros, firstResponseMicros, allocateMicros,
                firstResponseCode, all);
    }

    public boolean isAmbiguous(String step) {
        return ambiguous.contains(step);
    }
}
