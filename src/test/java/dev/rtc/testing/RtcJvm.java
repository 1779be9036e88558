package dev.rtc.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs rtc from the tests' own classes in a JVM of its own (for ip netns exec, pipes...). */
public final class RtcJvm {
    private RtcJvm() {
    }

    /** {@code java ... dev.rtc.Main ARGS}, started quickly (C1 only, the shared archive when there is one). */
    public static List<String> command(List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
                System.getProperty("java.class.path"), "dev.rtc.Main"));
        cmd.addAll(args);
        return cmd;
    }
}
