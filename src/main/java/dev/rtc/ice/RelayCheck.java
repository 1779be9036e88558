package dev.rtc.ice;

/**
 * The data-path proof of {@code --check-relay}: packets sent from one relay to the other through a channel and
 * echoed back, with the loss and round-trip times (microseconds) of those that came back.
 */
public record RelayCheck(String url, int sent, int received, long rttMinMicros, long rttAvgMicros,
                         long rttMaxMicros, String failure, long durationMicros) {

    public RelayCheck(String url, int sent, int received, long rttMinMicros, long rttAvgMicros, long rttMaxMicros,
                      String failure) {
        this(url, sent, received, rttMinMicros, rttAvgMicros, rttMaxMicros, failure, 0);
    }

    /** The same result, with how long the whole check took (allocations, permissions, channels, echoes). */
    RelayCheck took(long micros) {
        return new RelayCheck(url, sent, received, rttMinMicros, rttAvgMicros, rttMaxMicros, failure, micros);
    }

    public double lossPercent() {
        return sent == 0 ? 100.0 : 100.0 * (sent - received) / sent;
    }

    public boolean passed() {
        return failure == null && received > 0;
    }
}
