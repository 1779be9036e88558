package dev.rtc.cli.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A program in a tmux session on its own tmux server (socket named after this JVM's pid and a counter): keys go
 * in with send-keys, the screen comes out with capture-pane. Closing kills that private server only.
 */
final class Tmux implements AutoCloseable {
    private static final AtomicInteger SESSIONS = new AtomicInteger();
    private final int number = SESSIONS.incrementAndGet();
    private final String socket = "rtc-test-" + ProcessHandle.current().pid() + "-" + number;
    private final String session = "s" + number;

    Tmux(String command) throws IOException, InterruptedException {
        tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "48", command);
    }

    void send(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session, "--"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** Types text literally (no key names). */
    void type(String text) throws IOException, InterruptedException {
        tmux("send-keys", "-t", session, "-l", "--", text);
    }

    /**
     * Types text at the prompt and waits until the prompt line shows exactly that. Keys that reach the terminal
     * while the line editor is switching modes (just after Ctrl-C or a new prompt) may be dropped, as on any
     * terminal; then the line is cleared (Ctrl-U) and typed again, at most three times.
     */
    void typeAtPrompt(String text) throws IOException, InterruptedException {
        String want = InteractiveShell.PROMPT + text;
        for (int attempt = 0; attempt < 3; attempt++) {
            type(text);
            String s = await(want, Duration.ofSeconds(5));
            if (lastLine(s).equals(want.strip())) {
                return;
            }
            send("C-u");
            awaitPrompt(Duration.ofSeconds(5));
        }
        throw new IOException("could not type '" + text + "' at the prompt; screen:\n" + screen());
    }

    String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", session);
    }

    /** Waits (bounded) until the screen contains the text; returns the last screen either way. */
    String await(String text, Duration limit) throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        String s = screen();
        while (!s.contains(text) && System.nanoTime() < end) {
            Thread.sleep(100);
            s = screen();
        }
        return s;
    }

    /** Waits (bounded) until the last non-blank line of the screen is the prompt; returns the screen. */
    String awaitPrompt(Duration limit) throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        String s = screen();
        while (!lastLine(s).equals(InteractiveShell.PROMPT.strip()) && System.nanoTime() < end) {
            Thread.sleep(100);
            s = screen();
        }
        return s;
    }

    static String lastLine(String screen) {
        List<String> lines = screen.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }

    /** Waits (bounded) until the program in the session has ended; true if it did. */
    boolean awaitEnd(Duration limit) throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (alive() && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        return !alive();
    }

    boolean alive() throws IOException, InterruptedException {
        return run("has-session", "-t", session) == 0;
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    private int run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("kill-server");
    }
}
