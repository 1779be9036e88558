package dev.rtc.testing;

import java.nio.file.Path;

/** Which of the README's sample captures the general tshark differentials compare as they are. */
public final class Samples {
    private Samples() {
    }

    /**
     * False for the WebRTC call samples ({@code samples/webrtc-*.pcap}): their media (DTLS, SRTP, SRTCP, inside TURN
     * and between relay ports) is found by rtc from the flow, by tshark only with heuristics switched on, so they
     * are compared where tshark sees that media and with those heuristics: the same files are in
     * src/test/resources/media, under TurnMediaTsharkTest, TurnFilterTsharkTest and RtpStreamsTsharkTest (and the
     * Chromium call, whose DTLS 1.3 tshark reads only in part, under ChromiumCallsTest).
     */
    public static boolean comparedAsIs(Path capture) {
        return !capture.getFileName().toString().startsWith("webrtc-");
    }
}
