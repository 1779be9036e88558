package dev.rtc.cli;

import dev.rtc.Exit;
import dev.rtc.RtcException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Builds the rtc {@link CommandLine}: the exit-code mapping of {@link Exit}, one-line errors (stack traces only
 * with {@code --debug}) and the writers commands print through. Used by {@code Main}, the shell and the tests.
 */
public final class Cli {
    private Cli() {
    }

    /** Runs rtc with the process's standard streams and returns the exit code. */
    public static int execute(String... args) {
        return create(
                new PrintWriter(System.out, true),
                new PrintWriter(System.err, true),
                needed(args)).execute(args);
    }

    /** A fresh command line with every subcommand, writing to the given streams. */
    public static CommandLine create(PrintWriter out, PrintWriter err) {
        return create(out, err, RtcCommand.SUBCOMMANDS.keySet());
    }

    /**
     * The subcommands a run with these arguments needs: the one it names; none for a bare {@code --version};
     * all of them for help, errors (picocli suggests the closest name), the shell and the completion script.
     */
    static Set<String> needed(String... args) {
        boolean version = false;
        for (String a : args) {
            if (a.equals("-V") || a.equals("--version")) {
                version = true;
            } else if (!a.equals("--debug") && !a.equals("--no-color")) {
                boolean single = RtcCommand.SUBCOMMANDS.containsKey(a)
                        && !a.equals("shell") && !a.equals("generate-completion");
                return single ? Set.of(a) : RtcCommand.SUBCOMMANDS.keySet();
            }
        }
        return version ? Set.of() : RtcCommand.SUBCOMMANDS.keySet();
    }

    private static CommandLine create(PrintWriter out, PrintWriter err, Set<String> subcommands) {
        CommandLine cl = new CommandLine(new RtcCommand());
        RtcCommand.SUBCOMMANDS.forEach((name, command) -> {
            if (subcommands.contains(name)) {
                cl.addSubcommand(name, command.get());
            }
        });
        // after the subcommands: a converter registered on a command line reaches the subcommands it has then
        cl.registerConverter(java.time.Duration.class, new DurationConverter());
        HelpFooter.install(cl);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // '@FILE' is an argument of its own in rtc (rtc stun --decode @FILE), not picocli's argument file
        cl.setExpandAtFiles(false);
        cl.setExecutionExceptionHandler(executionHandler());
        cl.setParameterExceptionHandler(parameterHandler());
        cl.setExitCodeExceptionMapper(Cli::exitCodeOf);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(
                Terminal.colorWanted(false) ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF));
        return cl;
    }

    static int exitCodeOf(Throwable t) {
        if (t instanceof RtcException e) {
            return e.exit().code();
        }
        if (t instanceof ParameterException) {
            return Exit.USAGE.code();
        }
        return Exit.FAILURE.code();
    }

    private static boolean debug(CommandLine cl) {
        Object root = cl.getCommandSpec().root().userObject();
        return root instanceof RtcCommand r && r.debug();
    }

    private static String name(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName();
    }

    private static IExecutionExceptionHandler executionHandler() {
        return (Exception ex, CommandLine cl, ParseResult parsed) -> {
            PrintWriter err = cl.getErr();
            if (ex instanceof RtcException e) {
                err.println(name(cl) + ": " + e.getMessage());
            } else if (ex instanceof ParameterException e) {
                err.println(name(cl) + ": " + e.getMessage());
            } else {
                String msg = ex.getMessage() == null ? "" : ": " + firstLine(ex.getMessage());
                err.println(name(cl) + ": internal error, " + ex.getClass().getSimpleName() + msg
                        + (debug(cl) ? "" : " (run with --debug for details)"));
            }
            if (debug(cl)) {
                ex.printStackTrace(err);
            }
            err.flush();
            return exitCodeOf(ex);
        };
    }

    private static IParameterExceptionHandler parameterHandler() {
        return (ParameterException ex, String[] args) -> {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            err.println(name(cl) + ": " + describe(ex) + " (see '" + name(cl) + " --help')");
            if (debug(cl)) {
                ex.printStackTrace(err);
            }
            err.flush();
            return Exit.USAGE.code();
        };
    }

    /**
     * The error in one line. For unknown options only the options are named, never the words after them: a
     * mistyped {@code --credentail PASSWORD} must not print the password.
     */
    static String describe(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u) {
            List<String> options = new ArrayList<>();
            for (String arg : u.getUnmatched()) {
                if (arg.startsWith("-")) {
                    int eq = arg.indexOf('=');
                    options.add("'" + (eq > 0 ? arg.substring(0, eq) : arg) + "'");
                }
            }
            if (!options.isEmpty()) {
                return (options.size() == 1 ? "Unknown option: " : "Unknown options: ") + String.join(", ", options);
            }
            return "Unexpected argument" + (u.getUnmatched().size() == 1 ? "" : "s") + " ("
                    + u.getUnmatched().size() + ")";
        }
        return firstLine(ex.getMessage());
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
