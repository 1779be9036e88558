package dev.rtc.cli.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How the shell tests start rtc as a separate program: this JVM's class path, a home directory of the test's. */
final class RtcProcess {
    private RtcProcess() {
    }

    /** The command words of "rtc ARGS" run with this test's classes, HOME (for ~/.rtc_history) set to home. */
    static List<String> command(Path home, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), "dev.rtc.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The same as one shell-quoted line, for tmux. */
    static String line(Path home, String... args) {
        StringBuilder sb = new StringBuilder();
        for (String w : command(home, args)) {
            sb.append(sb.length() == 0 ? "" : " ").append("'").append(w.replace("'", "'\\''")).append("'");
        }
        return sb.toString();
    }

    /** A pcap of a TURN session over UDP: the project's sample, or the corpus copy in the test resources. */
    static Path turnSample() {
        Path sample = Path.of("samples", "turn-udp-session.pcap");
        return (Files.isRegularFile(sample) ? sample : Path.of("src", "test", "resources", "corpus",
                "turn-udp-session.pcap")).toAbsolutePath();
    }
}
