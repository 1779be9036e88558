package dev.rtc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tests' aioice peer: an independent ICE agent (Debian python3-aioice) driven by a small script. */
public final class AioicePeer {
    /** Debian's python, which has python3-aioice (the python on PATH may be another one). */
    public static final String PYTHON = "/usr/bin/python3";

    private AioicePeer() {
    }

    /**
     * Writes the peer script into {@code dir} and returns it; without aioice the test is skipped outside CI and
     * fails in CI, whose install.sh installs it.
     */
    public static Path script(Path dir) throws IOException, InterruptedException {
        boolean have = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import aioice").start().waitFor() == 0;
        if (!have) {
            org.junit.jupiter.api.Assumptions.assumeTrue(Requires.inCi(),
                    "needs python3-aioice (/usr/bin/python3 with aioice)");
            throw new AssertionError("CI needs python3-aioice (install.sh TEST_PACKAGES)");
        }
        Path script = dir.resolve("aioice_peer.py");
        try (InputStream in = AioicePeer.class.getResourceAsStream("/dev/rtc/ice/aioice_peer.py")) {
            Files.write(script, in.readAllBytes());
        }
        return script;
    }
}
