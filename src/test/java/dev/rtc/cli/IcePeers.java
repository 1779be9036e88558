package dev.rtc.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Real {@code rtc ice} processes on loopback for the tests, and the pipes that carry one's description to another. */
final class IcePeers {
    private IcePeers() {
    }

    /** {@code rtc ice --interface lo --family 4 ARGS} in its own JVM, standard error to {@code stderr}. */
    static Process rtc(Path stderr, List<String> args) throws IOException {
        List<String> all = new ArrayList<>(List.of("ice", "--interface", "lo", "--family", "4"));
        all.addAll(args);
        return new ProcessBuilder(dev.rtc.testing.RtcJvm.command(all)).redirectError(stderr.toFile()).start();
    }

    /** Copies a process's output into another's input, line by line, changing each line on the way. */
    static Thread pipe(InputStream from, OutputStream to, UnaryOperator<String> change) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8));
                 OutputStream out = to) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write((change.apply(line) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                // the peer exited: nothing more to carry
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
