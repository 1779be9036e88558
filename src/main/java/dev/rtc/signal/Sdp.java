package dev.rtc.signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The session descriptions rtc exchanges with a browser (RFC 8866 SDP, RFC 8829 JSEP): one BUNDLEd
 * {@code m=application 9 UDP/DTLS/SCTP webrtc-datachannel} section (RFC 8841) carrying ICE credentials and
 * candidates, the DTLS certificate's fingerprint and {@code a=setup} (RFC 8842), and the SCTP port.
 */
public final class Sdp {
    /** The data channel's SCTP port, as browsers use. */
    public static final int SCTP_PORT = 5000;

    private Sdp() {
    }

    /** a=setup values (RFC 8842): who is the DTLS client. */
    public enum Setup {
        actpass, active, passive;

        /** The answer to an offer's setup: the answerer takes the client role when it may. */
        public Setup answer() {
            return this == active ? passive : active;
        }

        static Setup of(String value) {
            try {
                return valueOf(value.strip().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new DescriptionException("a=setup:" + DescriptionException.shown(value)
                        + " must be actpass, active or passive");
            }
        }
    }

    /**
     * A peer's description as rtc reads it.
     *
     * @param ice         credentials and the candidates inside the SDP
     * @param fingerprint the a=fingerprint value ("sha-256 AB:..."), or null
     * @param setup       a=setup, or null when absent
     * @param mid         the first media section's a=mid, or null
     */
    public record Remote(IceDescription ice, String fingerprint, Setup setup, String mid) {
    }

    /**
     * Writes an offer or answer.
     *
     * @param ice         this side's credentials and candidates (gathering done: a=end-of-candidates follows them)
     * @param fingerprint "sha-256 AB:CD:..."
     * @param setup       actpass in an offer, active or passive in an answer
     * @param mid         the media section's id ("0" in an offer; the offer's in an answer)
     * @param sessionId   the o= line's session id (a random positive number)
     */
    public static String write(IceDescription ice, String fingerprint, Setup setup, String mid, long sessionId) {
        List<String> l = new ArrayList<>();
        l.add("v=0");
        l.add("o=rtc " + Math.abs(sessionId % 1_000_000_000_000_000L) + " 2 IN IP4 127.0.0.1");
        l.add("s=-");
        l.add("t=0 0");
        l.add("a=group:BUNDLE " + mid);
        l.add("a=extmap-allow-mixed");
        l.add("a=msid-semantic: WMS");
        l.add("m=application 9 UDP/DTLS/SCTP webrtc-datachannel");
        l.add("c=IN IP4 0.0.0.0");
        l.add("a=ice-ufrag:" + ice.ufrag());
        l.add("a=ice-pwd:" + ice.pwd());
        l.add("a=ice-options:trickle");
        l.add("a=fingerprint:" + fingerprint);
        l.add("a=setup:" + setup);
        l.add("a=mid:" + mid);
        l.add("a=sctp-port:" + SCTP_PORT);
        l.add("a=max-message-size:262144");
        for (RemoteCandidate c : ice.candidates()) {
            l.add("a=" + c.sdp());
        }
        if (ice.endOfCandidates()) {
            l.add("a=end-of-candidates");
        }
        return String.join("\r\n", l) + "\r\n";
    }

    /**
     * Reads a peer's offer or answer: ICE as {@link IceDescription#parse} does (session level and the first media
     * section), and of the same lines the fingerprint, setup and mid.
     *
     * @throws DescriptionException naming what is wrong
     */
    public static Remote read(String sdp) {
        if (sdp == null || sdp.isBlank()) {
            throw new DescriptionException("the peer's SDP is empty");
        }
        List<String> lines = Arrays.asList(sdp.split("\r?\n"));
        if (lines.size() > IceDescription.MAX_LINES) {
            throw new DescriptionException("the peer's SDP has more than " + IceDescription.MAX_LINES + " lines");
        }
        IceDescription ice = IceDescription.parse(lines);
        String fingerprint = null;
        Setup setup = null;
        String mid = null;
        int media = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.startsWith("m=")) {
                media++;
            } else if (media > 1) {
                break;
            } else {
                try {
                    if (line.startsWith("a=fingerprint:") && fingerprint == null) {
                        fingerprint = line.substring(14).strip();
                    } else if (line.startsWith("a=setup:")) {
                        setup = Setup.of(line.substring(8));
                    } else if (line.startsWith("a=mid:") && media == 1) {
                        mid = line.substring(6).strip();
                    }
                } catch (DescriptionException e) {
                    throw e.atLine(n + 1);
                }
            }
        }
        return new Remote(ice, fingerprint, setup, mid);
    }

    /** Whether a candidate line (with or without "a=") names its address by mDNS (a ".local" name). */
    public static boolean mdns(String candidateLine) {
        try {
            return RemoteCandidate.parse(candidateLine).mdns();
        } catch (DescriptionException e) {
            return false;
        }
    }
}
