package dev.rtc.output;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Addresses as people write them: IPv6 in RFC 5952's canonical form ({@code 2001:db8::1}, as Wireshark shows
 * it, where Java writes {@code 2001:db8:0:0:0:0:0:1}), and {@code [v6]:port} for socket addresses.
 * Never resolves names.
 */
public final class Addresses {
    private Addresses() {
    }

    /** "192.0.2.1" or "2001:db8::1" (lower case, longest run of zero groups compressed, scope dropped). */
    public static String text(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952: a single zero group is not compressed
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }

    /** "192.0.2.1:3478" or "[2001:db8::1]:3478". */
    public static String text(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        if (ip == null) {
            return a.getHostString() + ":" + a.getPort();
        }
        return ip instanceof Inet4Address ? text(ip) + ":" + a.getPort() : "[" + text(ip) + "]:" + a.getPort();
    }
}
