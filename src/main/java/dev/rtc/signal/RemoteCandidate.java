package dev.rtc.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A candidate as a peer's description gives it: one {@code a=candidate} line read by RFC 8839 section 5.1's
 * grammar. The address is kept as written, since a browser's host candidates are mDNS names
 * ({@code 1f2e....local}) rather than addresses, and only the ICE agent decides what it can use.
 *
 * @param foundation 1 to 32 ice-chars
 * @param component  1 to 256 (1: RTP, or everything with rtcp-mux)
 * @param transport  lower case: "udp", "tcp" or an extension token
 * @param priority   1 to 2^31 - 1
 * @param address    an IPv4 or IPv6 address or a host name, as written
 * @param port       0 to 65535 (0 for a TCP active candidate, which never listens)
 * @param type       lower case: host, srflx, prflx, relay or an extension token
 * @param related    the related address (raddr), or null
 * @param relatedPort the related port (rport), or -1
 * @param tcpType    RFC 6544's tcptype (active, passive, so), or null
 * @param extensions the other name/value pairs, in order (generation, ufrag, network-id...)
 */
public record RemoteCandidate(String foundation, int component, String transport, long priority, String address,
                              int port, String type, String related, int relatedPort, String tcpType,
                              List<Map.Entry<String, String>> extensions) {
    private static final long MAX_PRIORITY = (1L << 31) - 1;

    public RemoteCandidate {
        extensions = List.copyOf(extensions);
    }

    /** Whether the address is a host name ending in ".local": a browser hiding its address behind mDNS. */
    public boolean mdns() {
        return address.toLowerCase(Locale.ROOT).endsWith(".local");
    }

    /**
     * Reads the value of an {@code a=candidate} attribute, with or without the {@code a=} and {@code candidate:}
     * prefixes (a browser's RTCIceCandidate.candidate has only the latter).
     *
     * @throws DescriptionException naming what is wrong, in one line
     */
    public static RemoteCandidate parse(String line) {
        String s = line.strip();
        if (s.startsWith("a=")) {
            s = s.substring(2);
        }
        if (!s.regionMatches(true, 0, "candidate:", 0, 10)) {
            throw new DescriptionException("not a candidate line (it must start with 'candidate:')");
        }
        String[] t = s.substring(10).split(" ", -1);
        if (t.length < 8) {
            throw new DescriptionException("a candidate needs foundation, component, transport, priority, address,"
                    + " port, 'typ' and a type; this one has " + t.length + " of those 8 fields");
        }
        String foundation = t[0];
        if (foundation.isEmpty() || foundation.length() > 32 || !iceChars(foundation)) {
            throw new DescriptionException("foundation '" + DescriptionException.shown(foundation)
                    + "' must be 1 to 32 letters, digits, '+' or '/'");
        }
        int component = (int) number(t[1], "component", 1, 256);
        String transport = token(t[2], "transport").toLowerCase(Locale.ROOT);
        long priority = number(t[3], "priority", 1, MAX_PRIORITY);
        String address = address(t[4], "address");
        int port = (int) number(t[5], "port", 0, 65535);
        if (!t[6].equals("typ")) {
            throw new DescriptionException("expected 'typ' after the port, got '" + DescriptionException.shown(t[6]) + "'");
        }
        String type = token(t[7], "candidate type").toLowerCase(Locale.ROOT);
        String related = null;
        int relatedPort = -1;
        String tcpType = null;
        List<Map.Entry<String, String>> extensions = new ArrayList<>();
        int i = 8;
        if (i < t.length && t[i].equals("raddr")) {
            related = address(value(t, i, "raddr"), "raddr");
            i += 2;
        }
        if (i < t.length && t[i].equals("rport")) {
            relatedPort = (int) number(value(t, i, "rport"), "rport", 0, 65535);
            i += 2;
        }
        for (; i < t.length; i += 2) {
            String name = token(t[i], "extension name");
            String value = value(t, i, name);
            if (name.equals("tcptype")) {
                tcpType = value.toLowerCase(Locale.ROOT);
            } else {
                extensions.add(Map.entry(name, value));
            }
        }
        if (transport.equals("tcp") && tcpType == null) {
            throw new DescriptionException("a TCP candidate needs a tcptype (active, passive or so; RFC 6544)");
        }
        return new RemoteCandidate(foundation, component, transport, priority, address, port, type, related,
                relatedPort, tcpType, extensions);
    }

    /** The attribute value again, in the form {@link #parse} reads (without "a="). */
    public String sdp() {
        StringBuilder sb = new StringBuilder("candidate:").append(foundation).append(' ').append(component)
                .append(' ').append(transport).append(' ').append(priority).append(' ').append(address).append(' ')
                .append(port).append(" typ ").append(type);
        if (related != null) {
            sb.append(" raddr ").append(related);
        }
        if (relatedPort >= 0) {
            sb.append(" rport ").append(relatedPort);
        }
        if (tcpType != null) {
            sb.append(" tcptype ").append(tcpType);
        }
        for (Map.Entry<String, String> e : extensions) {
            sb.append(' ').append(e.getKey()).append(' ').append(e.getValue());
        }
        return sb.toString();
    }

    private static String value(String[] t, int i, String name) {
        if (i + 1 >= t.length || t[i + 1].isEmpty()) {
            throw new DescriptionException("'" + DescriptionException.shown(name) + "' has no value");
        }
        if (t[i + 1].indexOf('\0') >= 0) {
            throw new DescriptionException("the value of '" + DescriptionException.shown(name) + "' holds a NUL");
        }
        return t[i + 1];
    }

    private static long number(String s, String what, long min, long max) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new DescriptionException(what + " '" + DescriptionException.shown(s) + "' is not a number");
        }
        long v = Long.parseLong(s);
        if (v < min || v > max) {
            throw new DescriptionException(what + " " + v + " is out of range (" + min + " to " + max + ")");
        }
        return v;
    }

    /** RFC 8839's connection-address: an address or a host name; nothing that cannot be either. */
    private static String address(String s, String what) {
        if (s.isEmpty() || s.length() > 255
                || !s.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == ':'
                || c == '-' || c == '_' || c == '%')) {
            throw new DescriptionException(what + " '" + DescriptionException.shown(s)
                    + "' is not an address or host name");
        }
        return s;
    }

    /** RFC 4566's token: printable ASCII without the separators SDP reserves. */
    private static String token(String s, String what) {
        if (s.isEmpty() || !s.chars().allMatch(c -> c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0)) {
            throw new DescriptionException(what + " '" + DescriptionException.shown(s) + "' is not a token");
        }
        return s;
    }

    static boolean iceChars(String s) {
        return s.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c) || c == '+' || c == '/');
    }
}
