package dev.rtc.net;

import dev.rtc.stun.AddressText;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Transport addresses as people write them: {@code 192.0.2.1:3478}, {@code [2001:db8::1]:3478},
 * {@code host.example:5349}, with a default port when none is given.
 */
public final class Addresses {
    private Addresses() {
    }

    /** A host and port as written, not resolved yet. */
    public record HostPort(String host, int port) {
        /** Resolves the host (literal addresses never touch DNS); {@code family} 4, 6 or 0 for either. */
        public InetSocketAddress resolve(int family) throws UnknownHostException {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (family == 0 || (family == 6) == (a instanceof Inet6Address)) {
                    return new InetSocketAddress(a, port);
                }
            }
            throw new UnknownHostException(host + " has no IPv" + family + " address");
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * Parses {@code HOST}, {@code HOST:PORT}, {@code [IPV6]}, {@code [IPV6]:PORT} or a bare IPv6 literal.
     *
     * @throws IllegalArgumentException with a one-line reason when the text is not an address
     */
    public static HostPort parse(String text, int defaultPort) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty address");
        }
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "': '[' without ']'");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("'" + text + "': expected ':PORT' after ']'");
                }
                port = rest.substring(1);
            }
            if (host.indexOf(':') < 0) {
                throw new IllegalArgumentException("'" + text + "': brackets are for IPv6 literals");
            }
        } else {
            int first = s.indexOf(':');
            int last = s.lastIndexOf(':');
            if (first >= 0 && first == last) {
                host = s.substring(0, first);
                port = s.substring(first + 1);
            } else {
                host = s; // no colon, or a bare IPv6 literal
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': no host");
        }
        if (host.indexOf(':') >= 0 && !isIpv6Literal(host)) {
            throw new IllegalArgumentException("'" + text + "': not an IPv6 address");
        }
        if (host.indexOf(':') < 0 && !validHostName(host.endsWith(".") ? host.substring(0, host.length() - 1) : host)) {
            throw new IllegalArgumentException("'" + text + "': '" + host + "' is not a host name or address");
        }
        int p = defaultPort;
        if (port != null) {
            p = parsePort(port, text);
        }
        return new HostPort(host, p);
    }

    /** A port 1..65535 from text, or an IllegalArgumentException naming the input. */
    public static int parsePort(String port, String context) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + context + "': port '" + port + "' is not a number 1-65535");
        }
        int p = Integer.parseInt(port);
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("'" + context + "': port " + p + " is not in 1-65535");
        }
        return p;
    }

    /** The wildcard address (0.0.0.0 or ::) of the family of {@code peer}, with {@code port}. */
    public static InetSocketAddress wildcardFor(InetSocketAddress peer, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(
                    peer.getAddress() instanceof Inet6Address ? "::" : "0.0.0.0"), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("wildcard address", e);
        }
    }

    /**
     * {@code 192.0.2.1} or {@code 2001:db8::1} (RFC 5952, no brackets), never a host name; a scoped IPv6 address
     * (link-local) as Java writes it, with its {@code %scope}.
     */
    public static String formatHost(InetAddress a) {
        String host = a.getHostAddress();
        return host.indexOf('%') >= 0 ? host : AddressText.of(a);
    }

    /** {@code 192.0.2.1:3478} or {@code [2001:db8::1]:3478}, never a host name or a reverse lookup; "-" for null. */
    public static String format(InetSocketAddress a) {
        if (a == null) {
            return "-";
        }
        String scoped = a.getAddress() == null ? "" : a.getAddress().getHostAddress();
        return scoped.indexOf('%') < 0 ? AddressText.of(a) : "[" + scoped + "]:" + a.getPort();
    }

    private static boolean isIpv6Literal(String host) {
        String h = host;
        int pct = h.indexOf('%');
        if (pct >= 0) {
            h = h.substring(0, pct);
        }
        if (!h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return false;
        }
        try {
            return InetAddress.getByName(h) instanceof Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean validHostName(String host) {
        if (host.length() > 253) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            if (!label.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_')) {
                return false;
            }
        }
        if (host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            // all digits and dots: must be a dotted-quad IPv4 literal
            String[] parts = host.split("\\.");
            if (parts.length != 4) {
                return false;
            }
            for (String part : parts) {
                if (part.length() > 3 || Integer.parseInt(part) > 255) {
                    return false;
                }
            }
        }
        return true;
    }
}
