package dev.rtc.cli.shell;

import dev.rtc.Exit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.impl.DefaultParser;
import picocli.CommandLine;

/**
 * Runs shell lines: the built-ins ({@code help}, {@code clear}, {@code exit}) and rtc commands, each on a fresh
 * command line from the factory so that no option value of one command leaks into the next. Script mode reads
 * lines from a reader and returns the exit status of the last command that failed.
 */
public final class Shell {
    /** What running a line asks the shell to do next. */
    public record Outcome(int exit, boolean leave) {
    }

    private final Supplier<CommandLine> commands;
    private final PrintWriter out;
    private final PrintWriter err;
    private final DefaultParser parser = new DefaultParser();
    private Runnable clearScreen = () -> { };

    public Shell(Supplier<CommandLine> commands, PrintWriter out, PrintWriter err) {
        this.commands = commands;
        this.out = out;
        this.err = err;
        parser.setEofOnUnclosedQuote(true);
    }

    /** What {@code clear} does (the interactive shell clears the terminal; scripts ignore it). */
    public void onClear(Runnable action) {
        this.clearScreen = action;
    }

    /** Runs one line already split into words. */
    public Outcome run(List<String> words) {
        if (words.isEmpty()) {
            return new Outcome(0, false);
        }
        String first = words.get(0);
        switch (first) {
            case "exit", "quit" -> {
                return new Outcome(words.size() > 1 ? parseExit(words.get(1)) : 0, true);
            }
            case "clear" -> {
                clearScreen.run();
                return new Outcome(0, false);
            }
            case "help" -> {
                return new Outcome(help(words.subList(1, words.size())), false);
            }
            case "shell" -> {
                err.println("rtc shell: already in the shell");
                err.flush();
                return new Outcome(Exit.USAGE.code(), false);
            }
            default -> {
                int code = commands.get().execute(words.toArray(String[]::new));
                out.flush();
                err.flush();
                return new Outcome(code, false);
            }
        }
    }

    private int help(List<String> args) {
        if (!args.isEmpty()) {
            List<String> withHelp = new java.util.ArrayList<>(args);
            withHelp.add("--help");
            return run(withHelp).exit();
        }
        CommandLine root = commands.get();
        out.println("Commands (each takes --help; the same as on the command line):");
        root.getSubcommands().forEach((name, sub) -> {
            String[] d = sub.getCommandSpec().usageMessage().description();
            out.printf("  %-20s %s%n", name, d.length == 0 ? "" : CommandLine.Help.Ansi.OFF.string(d[0]));
        });
        out.println("Shell:");
        out.printf("  %-20s %s%n", "help [COMMAND]", "this list, or the help of a command");
        out.printf("  %-20s %s%n", "clear", "clear the screen");
        out.printf("  %-20s %s%n", "exit [CODE]", "leave the shell (also Ctrl-D)");
        out.println("Tab completes commands, options, values and display-filter fields; Ctrl-C stops a command.");
        out.flush();
        return 0;
    }

    private int parseExit(String word) {
        try {
            return Integer.parseInt(word);
        } catch (NumberFormatException e) {
            err.println("rtc shell: exit takes a number, not '" + word + "'");
            err.flush();
            return Exit.USAGE.code();
        }
    }

    /** Splits a line as the interactive shell does (quotes, backslash escapes). */
    public List<String> split(String line) {
        ParsedLine parsed = parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE);
        return parsed.words().stream().filter(w -> !w.isEmpty()).toList();
    }

    /**
     * Script mode: runs every line in order (blank lines and lines starting with {@code #} skipped) and returns
     * the exit status of the last command that failed, 0 when none did. {@code exit} stops the script.
     */
    public int runScript(BufferedReader in) throws IOException {
        int status = 0;
        int lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            List<String> words;
            try {
                words = split(trimmed);
            } catch (SyntaxError e) {
                err.println("rtc shell: line " + lineNumber + ": " + e.getMessage());
                err.flush();
                status = Exit.USAGE.code();
                continue;
            }
            Outcome o = run(words);
            if (o.leave()) {
                return words.size() > 1 ? o.exit() : status;
            }
            if (o.exit() != 0) {
                status = o.exit();
            }
        }
        return status;
    }
}
