package dev.rtc.ice;

import java.util.Locale;

/**
 * A STUN or TURN server URI as RFC 7064 ({@code stun:}, {@code stuns:}) and RFC 7065 ({@code turn:},
 * {@code turns:}) define it: scheme, host (name, IPv4 literal or bracketed IPv6 literal), optional port and, for
 * TURN, an optional {@code ?transport=udp|tcp}. {@link #parse} rejects everything else with a message naming
 * the offending part.
 */
public record IceServerUri(Scheme scheme, String host, int port, Transport transport, String text) {

    /** The four URI schemes. */
    public enum Scheme {
        STUN("stun", false, 3478), STUNS("stuns", true, 5349), TURN("turn", false, 3478), TURNS("turns", true, 5349);

        private final String name;
        private final boolean secure;
        private final int defaultPort;

        Scheme(String name, boolean secure, int defaultPort) {
            this.name = name;
            this.secure = secure;
            this.defaultPort = defaultPort;
        }

        public String text() {
            return name;
        }

        public boolean secure() {
            return secure;
        }

        public int defaultPort() {
            return defaultPort;
        }

        public boolean turn() {
            return this == TURN || this == TURNS;
        }
    }

    /** How the first hop to the server is carried. */
    public enum Transport {
        UDP, TCP, TLS;

        public String lower() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Parses a URI; throws {@link IllegalArgumentException} whose message says what is wrong. */
    public static IceServerUri parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw bad(uri, "is empty");
        }
        String s = uri.strip();
        int colon = s.indexOf(':');
        if (colon <= 0) {
            throw bad(uri, "has no scheme (expected stun:, stuns:, turn: or turns:)");
        }
        String schemeText = s.substring(0, colon).toLowerCase(Locale.ROOT);
        Scheme scheme = switch (schemeText) {
            case "stun" -> Scheme.STUN;
            case "stuns" -> Scheme.STUNS;
            case "turn" -> Scheme.TURN;
            case "turns" -> Scheme.TURNS;
            default -> throw bad(uri, "has the unknown scheme '" + schemeText
                    + "' (expected stun:, stuns:, turn: or turns:)");
        };
        String rest = s.substring(colon + 1);
        if (rest.startsWith("//")) {
            throw bad(uri, "has '//' after the scheme (RFC 7064/7065 URIs are written 'turn:host', not 'turn://host')");
        }
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        if (rest.contains("@")) {
            throw bad(uri, "contains user information ('@'); give the user with -u instead");
        }
        if (rest.contains("/")) {
            throw bad(uri, "has a path ('/'); a STUN/TURN URI is only host[:port]");
        }
        String host;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw bad(uri, "has an IPv6 literal without its closing ']'");
            }
            host = rest.substring(1, close);
            if (!host.contains(":") || !host.matches("[0-9A-Fa-f:.]+")) {
                throw bad(uri, "has an invalid IPv6 literal '[" + host + "]'");
            }
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw bad(uri, "has '" + after + "' after the IPv6 literal");
                }
                portText = after.substring(1);
            }
        } else {
            int c = rest.indexOf(':');
            if (c >= 0) {
                if (rest.indexOf(':', c + 1) >= 0) {
                    throw bad(uri, "has an IPv6 address without brackets (write it as [addr]:port)");
                }
                host = rest.substring(0, c);
                portText = rest.substring(c + 1);
            } else {
                host = rest;
            }
            if (host.isEmpty()) {
                throw bad(uri, "has no host");
            }
            if (!host.matches("[A-Za-z0-9._~%!$&'()*+,;=-]+")) {
                throw bad(uri, "has an invalid host '" + host + "'");
            }
        }
        if (host.isEmpty()) {
            throw bad(uri, "has no host");
        }
        int port = scheme.defaultPort();
        if (portText != null) {
            if (portText.isEmpty() || !portText.chars().allMatch(Character::isDigit) || portText.length() > 5) {
                throw bad(uri, "has an invalid port '" + portText + "'");
            }
            port = Integer.parseInt(portText);
            if (port < 1 || port > 65535) {
                throw bad(uri, "has the port " + port + ", outside 1..65535");
            }
        }
        Transport transport = scheme.secure() ? Transport.TLS : Transport.UDP;
        if (query != null) {
            if (!scheme.turn()) {
                throw bad(uri, "has a query ('?" + query + "'), which only turn: and turns: URIs may have");
            }
            if (!query.toLowerCase(Locale.ROOT).startsWith("transport=")) {
                throw bad(uri, "has the unknown parameter '" + query + "' (only ?transport=udp|tcp)");
            }
            String t = query.substring("transport=".length()).toLowerCase(Locale.ROOT);
            switch (t) {
                case "udp" -> {
                    if (scheme.secure()) {
                        throw bad(uri, "asks for transport=udp with turns: (TURN over DTLS is not supported;"
                                + " use turns: for TLS over TCP)");
                    }
                    transport = Transport.UDP;
                }
                case "tcp" -> transport = scheme.secure() ? Transport.TLS : Transport.TCP;
                default -> throw bad(uri, "has the unknown transport '" + t + "' (expected udp or tcp)");
            }
        }
        return new IceServerUri(scheme, host, port, transport, s);
    }

    private static IllegalArgumentException bad(String uri, String why) {
        return new IllegalArgumentException("server URI '" + (uri == null ? "" : uri.strip()) + "' " + why);
    }

    /** True when the host is an IP literal, so no DNS lookup is needed. */
    public boolean literalHost() {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** The host as it goes into a URI: IPv6 literals in brackets. */
    public String hostForUri() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** True for turn: and turns:. */
    public boolean isTurn() {
        return scheme.turn();
    }

    @Override
    public String toString() {
        return text;
    }
}
