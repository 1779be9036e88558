package dev.rtc.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports free for both UDP and TCP on an address, so parallel test runs never collide on fixed numbers. */
public final class FreePorts {
    private FreePorts() {
    }

    /** A port free for UDP and TCP on the address. */
    public static int on(String address) throws IOException {
        InetAddress a = InetAddress.getByName(address);
        for (int tries = 0; tries < 100; tries++) {
            try (DatagramSocket u = new DatagramSocket(new InetSocketAddress(a, 0))) {
                int port = u.getLocalPort();
                try (ServerSocket t = new ServerSocket()) {
                    t.bind(new InetSocketAddress(a, port));
                    return port;
                } catch (IOException busy) {
                    // TCP side taken: try another
                }
            }
        }
        throw new IOException("no free port on " + address);
    }

    /** Two consecutive free ports (port, port + 1), as TURN and STUN servers like for primary and alternate. */
    public static int pairOn(String address) throws IOException {
        for (int tries = 0; tries < 100; tries++) {
            int p = on(address);
            if (p < 65535 && isFree(address, p + 1)) {
                return p;
            }
        }
        throw new IOException("no free port pair on " + address);
    }

    public static boolean isFree(String address, int port) {
        try (DatagramSocket u = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), port));
             ServerSocket t = new ServerSocket()) {
            t.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
