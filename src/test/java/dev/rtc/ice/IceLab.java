package dev.rtc.ice;

import dev.rtc.testing.ExternalProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The two-NAT lab of the ICE tests, built by {@code icelab.sh}: host A behind router RA, host B behind router RB
 * (both LANs 192.0.2.0/24, host 192.0.2.10), the routers joined by an "internet" namespace holding a STUN server's
 * two addresses and a TURN server's. Each router takes one of {@code natlab.sh}'s NAT types. Names carry the test
 * JVM's pid; {@link #close()} deletes the namespaces and with them every link.
 */
final class IceLab implements AutoCloseable {
    static final String HOST = "192.0.2.10";
    static final String STUN_PRIMARY = "203.0.113.1";
    static final String STUN_ALTERNATE = "203.0.113.2";
    static final String TURN = "203.0.113.3";

    /** A side of the lab: its host namespace suffix, and the public addresses its router translates to. */
    enum Side {
        A("a", "198.51.100.1", "198.51.100.10"),
        B("b", "198.51.100.129", "198.51.100.138");

        final String suffix;
        /** The router's own WAN address (masquerading NAT types translate to it). */
        final String wan;
        /** The router's 1:1 address (full and restricted cone translate to it). */
        final String oneToOne;

        Side(String suffix, String wan, String oneToOne) {
            this.suffix = suffix;
            this.wan = wan;
            this.oneToOne = oneToOne;
        }
    }

    /** The output and exit code of a program run to completion in a lab namespace. */
    record Run(int exit, String out) {
    }

    private final String name;
    private final Path dir;

    private IceLab(String name, Path dir) {
        this.name = name;
        this.dir = dir;
    }

    static IceLab up() throws IOException, InterruptedException {
        removeLabsOfDeadRuns();
        Path dir = Files.createTempDirectory("rtc-icelab");
        copy("/dev/rtc/ice/icelab.sh", dir.resolve("icelab.sh"));
        copy("/dev/rtc/nat/natlab.sh", dir.resolve("natlab.sh"));
        String unique = ProcessHandle.current().pid() + "x" + Integer.toHexString(new java.util.Random().nextInt(0x10000));
        IceLab lab = new IceLab("rtcice" + unique, dir);
        Run r = lab.sh("up");
        if (r.exit() != 0) {
            lab.close();
            throw new IOException("the ICE lab did not come up: " + r.out());
        }
        return lab;
    }

    /** Deletes the namespaces of labs whose test JVM died before closing them (its pid is in their names). */
    private static void removeLabsOfDeadRuns() throws IOException, InterruptedException {
        java.util.regex.Pattern ours = java.util.regex.Pattern.compile("^(rtcice(\\d+)x[0-9a-f]+-(a|ra|b|rb|i))\\b.*");
        for (String line : run(Duration.ofSeconds(10), List.of("ip", "netns", "list")).out().split("\n")) {
            java.util.regex.Matcher m = ours.matcher(line);
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(2))).map(h -> !h.isAlive()).orElse(true)) {
                run(Duration.ofSeconds(10), List.of("ip", "netns", "del", m.group(1)));
            }
        }
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = IceLab.class.getResourceAsStream(resource)) {
            Files.copy(in, to);
        }
    }

    /** Sets a router's NAT type (natlab.sh's TYPE) and flushes its conntrack table. */
    void become(Side side, String type) throws IOException, InterruptedException {
        Run r = sh("nat", side.suffix, type);
        if (r.exit() != 0) {
            throw new IOException("icelab.sh nat " + side.suffix + " " + type + " failed: " + r.out());
        }
    }

    /** Whether every namespace is still there and enterable. */
    boolean healthy() throws IOException, InterruptedException {
        for (String ns : List.of("a", "ra", "b", "rb", "i")) {
            if (run(Duration.ofSeconds(10), List.of("ip", "netns", "exec", name + "-" + ns, "true")).exit() != 0) {
                return false;
            }
        }
        return true;
    }

    /** A long-running program in the internet namespace, ended by its PID when closed. */
    ExternalProcess startInInternet(List<String> command) throws IOException {
        return ExternalProcess.start(in("i", command));
    }

    /** A program on a side's host with its standard input and output left to the caller. */
    Process startOn(Side side, List<String> command, Path stderr) throws IOException {
        return new ProcessBuilder(in(side.suffix, command)).redirectError(stderr.toFile()).start();
    }

    /** Runs a program on a side's host to completion (killed at the limit). */
    Run runOn(Side side, Duration limit, List<String> command) throws IOException, InterruptedException {
        return run(limit, in(side.suffix, command));
    }

    private List<String> in(String ns, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name + "-" + ns));
        full.addAll(command);
        return full;
    }

    /** The command line that runs rtc from the test's own classes. */
    static List<String> rtc(String... args) {
        return dev.rtc.testing.RtcJvm.command(List.of(args));
    }

    private Run sh(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sh", dir.resolve("icelab.sh").toString(), args[0], name));
        cmd.addAll(List.of(args).subList(1, args.length));
        return run(Duration.ofSeconds(30), cmd);
    }

    private static Run run(Duration limit, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("rtc-icelab-out", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            return new Run(p.isAlive() ? -1 : p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        sh("down");
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
