package dev.rtc.nat;

import java.net.InetSocketAddress;

/**
 * One test as it ran, for the JSON listing and the text table: where it went, with which CHANGE-REQUEST flags,
 * where the answer had to come from and where it came from, how long it took, how often it was sent, and what it
 * was worth ("answered", "no answer", or why it did not count). {@code rttMillis} is from the transmission
 * answered; after a retransmission it is known only when the server echoed TRANSACTION-TRANSMIT-COUNTER, and is
 * otherwise null with {@code rttAmbiguous} set (Karn's rule).
 */
public record ProbeRecord(Probe probe, InetSocketAddress local, InetSocketAddress destination,
                          InetSocketAddress expectedSource, InetSocketAddress actualSource, Double rttMillis,
                          boolean rttAmbiguous, int transmissions, InetSocketAddress mapped, String outcome) {

    /** Transmissions after the first. */
    public int retransmissions() {
        return Math.max(0, transmissions - 1);
    }
}
