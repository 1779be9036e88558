package dev.rtc.cli.shell;

import dev.rtc.cli.Cli;
import dev.rtc.cli.Interrupt;
import dev.rtc.cli.Interrupts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp.Capability;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The shell on a terminal: prompt {@code rtc> }, history in {@code ~/.rtc_history}, completion and filter
 * highlighting. Each command runs on a worker thread; Ctrl-C interrupts that thread through {@link Interrupts}
 * (commands stop at their next interruption point, or by the stop action they registered, and return normally)
 * and the prompt comes back. Ctrl-D or {@code exit} leaves.
 */
public final class InteractiveShell {
    /** The prompt. */
    public static final String PROMPT = "rtc> ";

    private final Terminal terminal;
    private final Shell shell;
    private final LineReader reader;

    private InteractiveShell(Terminal terminal, FilterChecker checker, FilterCompletion filters, boolean color) {
        this.terminal = terminal;
        PrintWriter out = terminal.writer();
        PrintWriter err = new PrintWriter(System.err, true);
        Supplier<CommandLine> commands = () -> Cli.create(out, err);
        CommandSpec model = commands.get().getCommandSpec();
        this.shell = new Shell(commands, out, err);
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("rtc")
                .completer(new ShellCompleter(model, filters))
                .highlighter(new FilterHighlighter(model, checker, color))
                .variable(LineReader.HISTORY_FILE, historyFile())
                // "!=" and "!stun" are display-filter syntax, not history references
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        shell.onClear(() -> {
            terminal.puts(Capability.clear_screen);
            terminal.flush();
        });
    }

    /** Where the history is kept: {@code ~/.rtc_history}. */
    public static Path historyFile() {
        return Path.of(System.getProperty("user.home"), ".rtc_history");
    }

    /** Runs the shell on the process's terminal until Ctrl-D or {@code exit}; returns the exit code. */
    public static int run(FilterChecker checker, FilterCompletion filters, boolean color) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder()
                .system(true)
                .nativeSignals(true)
                .signalHandler(Terminal.SignalHandler.SIG_IGN)
                .build()) {
            return new InteractiveShell(terminal, checker, filters, color).loop();
        }
    }

    private int loop() throws IOException {
        int exit = 0;
        while (true) {
            try {
                reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            List<String> words = reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toList();
            Shell.Outcome o = runInterruptibly(words);
            if (o.leave()) {
                exit = o.exit();
                break;
            }
        }
        reader.getHistory().save();
        return exit;
    }

    private Shell.Outcome runInterruptibly(List<String> words) {
        AtomicReference<Shell.Outcome> result = new AtomicReference<>(new Shell.Outcome(1, false));
        Thread worker = new Thread(() -> result.set(shell.run(words)), "rtc-command");
        Terminal.SignalHandler previous = terminal.handle(Signal.INT, signal -> Interrupts.interrupt(worker));
        // The process's own SIGINT handler too: a command may install its own (for Ctrl-C outside the shell);
        // whatever it installs, the line editor's handler comes back when the command ends.
        Interrupt saved = Interrupt.install(() -> Interrupts.interrupt(worker));
        try {
            worker.start();
            boolean interrupted = false;
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            saved.close();
            terminal.handle(Signal.INT, previous);
        }
        terminal.flush();
        return result.get();
    }
}
