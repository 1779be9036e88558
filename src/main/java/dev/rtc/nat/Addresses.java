package dev.rtc.nat;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** Socket addresses written as people read them: 192.0.2.1:3478 and [2001:db8::1]:3478. */
public final class Addresses {
    private Addresses() {
    }

    public static String format(InetSocketAddress a) {
        if (a == null) {
            return "-";
        }
        String ip = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        if (a.getAddress() instanceof Inet6Address) {
            int zone = ip.indexOf('%');
            return "[" + (zone < 0 ? ip : ip.substring(0, zone)) + "]:" + a.getPort();
        }
        return ip + ":" + a.getPort();
    }
}
