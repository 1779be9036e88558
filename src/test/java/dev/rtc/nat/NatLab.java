package dev.rtc.nat;

import dev.rtc.testing.ExternalProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The NAT lab of the tests: network namespaces client -- router -- server built by {@code natlab.sh} (veth pairs
 * created inside the lab namespaces, documentation addresses only), with a NAT behaviour set on the router by
 * nftables. Names carry the test JVM's pid; {@link #close()} deletes the namespaces and with them every link.
 */
final class NatLab implements AutoCloseable {
    static final String PRIMARY = "203.0.113.1";
    static final String ALTERNATE = "203.0.113.2";

    private final String name;
    private final Path script;

    /** The output and exit code of a program run in the client namespace. */
    record Run(int exit, String out, double seconds) {
    }

    private NatLab(String name, Path script) {
        this.name = name;
        this.script = script;
    }

    static NatLab up() throws IOException, InterruptedException {
        Path script = Files.createTempFile("rtc-natlab", ".sh");
        try (InputStream in = NatLab.class.getResourceAsStream("natlab.sh")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        String unique = ProcessHandle.current().pid() + "x" + Integer.toHexString(new java.util.Random().nextInt(0x10000));
        NatLab lab = new NatLab("rtcnat" + unique, script);
        lab.down();
        Run r = lab.sh("up");
        if (r.exit() != 0) {
            lab.close();
            throw new IOException("the NAT lab did not come up: " + r.out());
        }
        return lab;
    }

    /** Sets the router's behaviour (natlab.sh's TYPE), optionally with 10% loss, and flushes conntrack. */
    void become(String type, boolean loss) throws IOException, InterruptedException {
        Run r = loss ? sh("nat", type, "loss") : sh("nat", type);
        if (r.exit() != 0) {
            throw new IOException("natlab.sh nat " + type + " failed: " + r.out());
        }
    }

    /** Whether all three namespaces are still there and enterable. */
    boolean healthy() throws IOException, InterruptedException {
        for (String ns : List.of(name + "-c", name + "-r", name + "-s")) {
            if (run(Duration.ofSeconds(10), List.of("ip", "netns", "exec", ns, "true")).exit() != 0) {
                return false;
            }
        }
        return true;
    }

    String clientNs() {
        return name + "-c";
    }

    String serverNs() {
        return name + "-s";
    }

    /** A long-running program in the server namespace, ended by its PID when closed. */
    ExternalProcess startInServer(List<String> command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", serverNs()));
        full.addAll(command);
        return ExternalProcess.start(full);
    }

    /** Runs a program in the client namespace to completion (killed at the limit). */
    Run inClient(Duration limit, List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", clientNs()));
        full.addAll(command);
        return run(limit, full);
    }

    /** The command line that runs rtc from the test's own classes. */
    static List<String> rtc(String... args) {
        return dev.rtc.testing.RtcJvm.command(List.of(args));
    }

    private Run sh(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sh", script.toString(), args[0], name));
        for (int i = 1; i < args.length; i++) {
            cmd.add(args[i]);
        }
        return run(Duration.ofSeconds(30), cmd);
    }

    private static Run run(Duration limit, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("rtc-natlab-out", ".txt");
        try {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Run(p.isAlive() ? -1 : p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), seconds);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private void down() throws IOException, InterruptedException {
        sh("down");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        down();
        Files.deleteIfExists(script);
    }
}
