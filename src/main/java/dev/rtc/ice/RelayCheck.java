package dev.rtc.ice;

/**
 * The data-path proof of {@code --check-relay}: packets sent from one relay to the other through a channel and
 * echoed back, with the loss and round-trip times (microseconds) of those that came back.
 */
public record RelayCheck(String url, int sent, int received, long rttMinMicros, long rttAvgMicros,
                         long rttMaxMicros, String failure) {

    public double lossPercent() {
        return sent == 0 ? 100.0 : 100.0 * (sent - received) / sent;
    }

    public boolean passed() {
        return failure == null && received > 0;
    }
}
