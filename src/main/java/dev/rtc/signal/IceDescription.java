package dev.rtc.signal;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What two ICE agents exchange before their checks: credentials, options and candidates, as the SDP attribute
 * lines of RFC 8839 write them ({@code a=ice-ufrag}, {@code a=ice-pwd}, {@code a=ice-options},
 * {@code a=candidate}, {@code a=end-of-candidates}). Reading is lenient where a pasted browser SDP needs it: lines
 * it does not know are ignored, and of a whole SDP only the session level and the first media section count (the
 * one BUNDLE makes the transport of all). It is strict where a mistake would make every check fail: a missing or
 * malformed ufrag or password, a malformed candidate, two different values for one credential.
 *
 * @param ufrag           4 to 256 ice-chars
 * @param pwd             22 to 256 ice-chars: the key of the checks' MESSAGE-INTEGRITY
 * @param options         the ice-options tokens (ice2, trickle...), in order
 * @param candidates      in the order given
 * @param endOfCandidates whether the peer said it has no more (RFC 8838)
 */
public record IceDescription(String ufrag, String pwd, List<String> options, List<RemoteCandidate> candidates,
                             boolean endOfCandidates) {
    /** A description read from a peer ends at an empty line; past these sizes it is refused, not buffered. */
    static final int MAX_LINES = 1000;
    static final int MAX_LINE_LENGTH = 4096;

    public IceDescription {
        options = List.copyOf(options);
        candidates = List.copyOf(candidates);
        credential(ufrag, "ice-ufrag", 4);
        credential(pwd, "ice-pwd", 22);
    }

    /**
     * Reads a description from its lines.
     *
     * @throws DescriptionException naming the line and what is wrong with it
     */
    public static IceDescription parse(List<String> lines) {
        String ufrag = null;
        String pwd = null;
        List<String> options = new ArrayList<>();
        List<RemoteCandidate> candidates = new ArrayList<>();
        boolean end = false;
        int mediaSections = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            try {
                if (line.startsWith("m=")) {
                    mediaSections++;
                    continue;
                }
                if (mediaSections > 1) {
                    continue;
                }
                if (line.startsWith("a=ice-ufrag:")) {
                    ufrag = once(ufrag, line.substring(12), "ice-ufrag");
                    credential(ufrag, "ice-ufrag", 4);
                } else if (line.startsWith("a=ice-pwd:")) {
                    pwd = once(pwd, line.substring(10), "ice-pwd");
                    credential(pwd, "ice-pwd", 22);
                } else if (line.startsWith("a=ice-options:")) {
                    for (String o : line.substring(14).split(" ")) {
                        if (!o.isEmpty() && !RemoteCandidate.iceChars(o)) {
                            throw new DescriptionException("ice-options tag '" + DescriptionException.shown(o)
                                    + "' must be letters, digits, '+' or '/'");
                        }
                        if (!o.isEmpty() && !options.contains(o)) {
                            options.add(o);
                        }
                    }
                } else if (line.startsWith("a=candidate:") || line.startsWith("candidate:")) {
                    candidates.add(RemoteCandidate.parse(line));
                } else if (line.equals("a=end-of-candidates")) {
                    end = true;
                }
            } catch (DescriptionException e) {
                throw e.atLine(n + 1);
            }
        }
        if (ufrag == null || pwd == null) {
            throw new DescriptionException("the description has no a=" + (ufrag == null ? "ice-ufrag" : "ice-pwd")
                    + " line" + (lines.isEmpty() ? " (it is empty)" : ""));
        }
        return new IceDescription(ufrag, pwd, options, candidates, end);
    }

    /**
     * Reads one description from a stream: lines up to an empty line or the end of the stream, whichever comes
     * first after at least one line that is not empty (empty lines before it are skipped).
     *
     * @throws DescriptionException when the stream ends before any line, or the description is too long or
     *                              malformed
     */
    public static IceDescription read(BufferedReader in) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                if (lines.isEmpty()) {
                    continue;
                }
                break;
            }
            if (line.length() > MAX_LINE_LENGTH) {
                throw new DescriptionException("line " + (lines.size() + 1) + " is longer than " + MAX_LINE_LENGTH
                        + " characters");
            }
            if (lines.size() == MAX_LINES) {
                throw new DescriptionException("the description goes on past " + MAX_LINES + " lines without the"
                        + " empty line that ends it");
            }
            lines.add(line);
        }
        if (lines.isEmpty()) {
            throw new DescriptionException("the peer's description ended before it began (no lines)");
        }
        return parse(lines);
    }

    /** The attribute lines, in the order of RFC 8839's example, without the empty line that ends an exchange. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("a=ice-ufrag:" + ufrag);
        out.add("a=ice-pwd:" + pwd);
        if (!options.isEmpty()) {
            out.add("a=ice-options:" + String.join(" ", options));
        }
        for (RemoteCandidate c : candidates) {
            out.add("a=" + c.sdp());
        }
        if (endOfCandidates) {
            out.add("a=end-of-candidates");
        }
        return out;
    }

    /** The description as one exchange: its lines, then the empty line that ends it. */
    public String text() {
        return String.join("\n", lines()) + "\n\n";
    }

    private static String once(String previous, String value, String name) {
        String v = value.strip();
        if (previous != null && !previous.equals(v)) {
            throw new DescriptionException("a second a=" + name + " with another value ('"
                    + DescriptionException.shown(v) + "' after '" + DescriptionException.shown(previous) + "')");
        }
        return v;
    }

    private static void credential(String value, String name, int min) {
        if (value == null) {
            throw new DescriptionException("no " + name);
        }
        if (value.length() < min || value.length() > 256 || !RemoteCandidate.iceChars(value)) {
            throw new DescriptionException(name + " '" + DescriptionException.shown(value) + "' must be " + min
                    + " to 256 letters, digits, '+' or '/' (it has " + value.length() + " characters)");
        }
    }
}
