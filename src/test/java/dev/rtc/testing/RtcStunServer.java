package dev.rtc.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** rtc's own stun-server as a separate process (UDP only) on 127.0.0.1:port and 127.0.0.2:port+1. */
public final class RtcStunServer {
    private RtcStunServer() {
    }

    /** Starts it from the test's classes and waits until it listens; closing the result ends it. */
    public static ExternalProcess start(int port) throws IOException, InterruptedException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.rtc.Main", "stun-server", "--no-tcp",
                "--primary", "127.0.0.1:" + port, "--alternate", "127.0.0.2:" + (port + 1));
        ExternalProcess p = ExternalProcess.start(cmd);
        if (!p.awaitLog("listening", Duration.ofSeconds(20))) {
            p.close();
            throw new IOException("rtc stun-server did not start: " + p.log());
        }
        return p;
    }
}
