package dev.rtc.ice;

/**
 * Where a server's time went, in microseconds; null where a step did not happen (no DNS for a literal address,
 * no TCP connect over UDP, no TLS handshake without TLS, no authenticated Allocate for STUN).
 */
public record Latency(Long dnsMicros, Long connectMicros, Long tlsMicros, Long firstResponseMicros,
                      Long allocateMicros) {
    public static final Latency NONE = new Latency(null, null, null, null, null);

    public Latency withDns(Long v) {
        return new Latency(v, connectMicros, tlsMicros, firstResponseMicros, allocateMicros);
    }

    public Latency withConnect(Long v) {
        return new Latency(dnsMicros, v, tlsMicros, firstResponseMicros, allocateMicros);
    }

    public Latency withTls(Long v) {
        return new Latency(dnsMicros, connectMicros, v, firstResponseMicros, allocateMicros);
    }

    public Latency withFirstResponse(Long v) {
        return new Latency(dnsMicros, connectMicros, tlsMicros, v, allocateMicros);
    }

    public Latency withAllocate(Long v) {
        return new Latency(dnsMicros, connectMicros, tlsMicros, firstResponseMicros, v);
    }
}
