package dev.rtc.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A network namespace the test makes with only loopback up, where headless Chromium (and whatever it talks to)
 * runs: the browser never sees the machine's interfaces. Closing ends what was started in it, deletes the
 * browser profiles and temporary folders, then the namespace.
 */
public final class BrowserNamespace implements AutoCloseable {
    private final String name;
    private final List<ExternalProcess> processes = new ArrayList<>();
    private final List<Path> temporary = new ArrayList<>();

    private BrowserNamespace(String name) {
        this.name = name;
    }

    /** A new namespace named PREFIX + the JVM's pid + a random suffix; needs root, ip and chromium. */
    public static BrowserNamespace open(String prefix) throws IOException, InterruptedException {
        Requires.root();
        Requires.commands("ip", "chromium");
        BrowserNamespace ns = new BrowserNamespace(prefix + ProcessHandle.current().pid() + "x"
                + Integer.toHexString(new java.util.Random().nextInt(0x10000)));
        run("ip", "netns", "add", ns.name);
        try {
            run("ip", "-n", ns.name, "link", "set", "lo", "up");
        } catch (IOException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    public String name() {
        return name;
    }

    /** A long-running program in the namespace, ended when this closes. */
    public ExternalProcess start(List<String> command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        ExternalProcess p = ExternalProcess.start(full);
        processes.add(p);
        return p;
    }

    /** A folder deleted when this closes. */
    public Path temporaryDirectory(String prefix) throws IOException {
        Path d = Files.createTempDirectory(prefix);
        temporary.add(d);
        return d;
    }

    /**
     * Headless Chromium on {@code url} with a profile of its own. Loopback is the namespace's only interface; the
     * fake microphone gives the page's ?media=1 its permission, so every interface is gathered and host candidates
     * carry addresses, not mDNS names. {@code extra} flags come before the URL.
     */
    public ExternalProcess chromium(String url, String... extra) throws IOException {
        Path profile = temporaryDirectory("rtc-chromium");
        List<String> cmd = new ArrayList<>(List.of(Requires.which("chromium"), "--headless=new", "--no-sandbox",
                "--disable-gpu", "--user-data-dir=" + profile, "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps",
                "--allow-loopback-in-peer-connection", "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream"));
        cmd.addAll(List.of(extra));
        cmd.add(url);
        return start(cmd);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        processes.forEach(ExternalProcess::close);
        for (Path p : temporary) {
            try (Stream<Path> files = Files.walk(p)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        run("ip", "netns", "del", name);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}
