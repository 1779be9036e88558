package dev.rtc.stun;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Addresses as people and Wireshark write them: IPv6 in RFC 5952's canonical form ({@code 2001:db8::1}, where Java
 * writes {@code 2001:db8:0:0:0:0:0:1}), and {@code [v6]:port} for socket addresses. Never resolves names.
 */
public final class AddressText {
    private AddressText() {
    }

    /** "192.0.2.1" or "2001:db8::1" (lower case, longest run of two or more zero groups compressed, scope dropped). */
    public static String of(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 4.2.2: a single zero group is not compressed; 4.2.3: the first longest run
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

    /**
     * "192.0.2.1:3478" or "[2001:db8::1]:3478"; an unresolved address keeps its host string as given (in brackets
     * when it holds a colon).
     */
    public static String of(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        String host = ip == null ? a.getHostString() : of(ip);
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
