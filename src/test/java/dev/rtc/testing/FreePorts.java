package dev.rtc.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports free for both UDP and TCP on the given addresses, so parallel test runs never collide on fixed numbers.
 * They are drawn at random below Linux's ephemeral range (32768-60999), so that the sockets other tests open on
 * port 0 cannot take them between the check and the test's own bind.
 */
public final class FreePorts {
    private static final int LOW = 20000;
    private static final int HIGH = 32000;

    private FreePorts() {
    }

    /** A port free for UDP and TCP on every address given. */
    public static int on(String... addresses) throws IOException {
        return find(1, addresses);
    }

    /** Two consecutive ports (port, port + 1) free on every address given, as primary and alternate ports. */
    public static int pairOn(String... addresses) throws IOException {
        return find(2, addresses);
    }

    private static int find(int count, String... addresses) throws IOException {
        for (int tries = 0; tries < 500; tries++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH - count);
            boolean free = true;
            for (int i = 0; i < count && free; i++) {
                for (String a : addresses) {
                    if (!isFree(a, port + i)) {
                        free = false;
                        break;
                    }
                }
            }
            if (free) {
                return port;
            }
        }
        throw new IOException("no free port on " + String.join(", ", addresses));
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
