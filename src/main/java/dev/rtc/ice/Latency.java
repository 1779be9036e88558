package dev.rtc.ice;

/**
 * Where a server's time went, in microseconds; null where a step did not happen (no DNS for a literal address,
 * no TCP connect over UDP, no TLS handshake without TLS, no authenticated Allocate for STUN).
 * {@code firstResponseCode} is the error code of the first answer (401 for a TURN server asking for credentials),
 * 0 for a success, null when nothing came back.
 */
public record Latency(Long dnsMicros, Long connectMicros, Long tlsMicros, Long firstResponseMicros,
                      Long allocateMicros, Integer firstResponseCode) {
    public static final Latency NONE = new Latency(null, null, null, null, null, null);

    public Latency(Long dnsMicros, Long connectMicros, Long tlsMicros, Long firstResponseMicros, Long allocateMicros) {
        this(dnsMicros, connectMicros, tlsMicros, firstResponseMicros, allocateMicros, null);
    }

    public Latency withDns(Long v) {
        return new Latency(v, connectMicros, tlsMicros, firstResponseMicros, allocateMicros, firstResponseCode);
    }

    public Latency withConnect(Long v) {
        return new Latency(dnsMicros, v, tlsMicros, firstResponseMicros, allocateMicros, firstResponseCode);
    }

    public Latency withTls(Long v) {
        return new Latency(dnsMicros, connectMicros, v, firstResponseMicros, allocateMicros, firstResponseCode);
    }

    public Latency withFirstResponse(Long v) {
        return new Latency(dnsMicros, connectMicros, tlsMicros, v, allocateMicros, firstResponseCode);
    }

    public Latency withAllocate(Long v) {
        return new Latency(dnsMicros, connectMicros, tlsMicros, firstResponseMicros, v, firstResponseCode);
    }

    public Latency withFirstResponseCode(Integer code) {
        return new Latency(dnsMicros, connectMicros, tlsMicros, firstResponseMicros, allocateMicros, code);
    }
}
