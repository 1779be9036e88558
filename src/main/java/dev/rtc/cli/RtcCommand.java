package dev.rtc.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The top command: global options and the list of subcommands. The subcommands are listed here by name and built
 * only when a run needs them: a command line that runs {@code rtc stun} does not pay for reading the annotations of
 * every other command (start-up time is most of what a short command costs).
 */
@Command(name = "rtc",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Tells WebRTC and VoIP engineers why their real-time traffic does or does not get through"
                + " a network: STUN, TURN, ICE, NAT classification and packet capture.",
        footerHeading = "%nExit codes:%n",
        footer = {
                "  0  done (and every --expect/--require met)",
                "  1  failure: I/O, network, no answer where one was needed, capture device error",
                "  2  usage: bad option, bad filter, bad URL, bad file",
                "  3  a check asked for (--expect, --require) is not met",
                "  4  the server cannot do what the test needs",
                "  5  inconclusive evidence (e.g. the NAT changed mid-test)",
                "",
                "Environment: NO_COLOR turns colour off, as --no-color does."})
public final class RtcCommand implements Runnable {
    /** Every subcommand by its name, in the order help lists them. */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("nat-type", NatTypeCommand::new);
        m.put("stun-server", StunServerCommand::new);
        m.put("stun", StunCommand::new);
        m.put("gather", GatherCommand::new);
        m.put("ice", IceCommand::new);
        m.put("capture", CaptureCommand::new);
        m.put("filter", FilterCommand::new);
        m.put("signal-server", SignalServerCommand::new);
        m.put("probe", ProbeCommand::new);
        m.put("shell", ShellCommand::new);
        m.put("generate-completion", AutoComplete.GenerateCompletion::new);
        return m;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Print stack traces with errors (secrets are never printed).")
    boolean debug;

    @Option(names = "--no-color", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "No colour in the output (also when NO_COLOR is set or the output is not a terminal).")
    boolean noColor;

    public boolean debug() {
        return debug;
    }

    public boolean noColor() {
        return noColor;
    }

    /** Set by {@code rtc shell} in script mode, where standard input is the script itself. */
    private boolean stdinIsScript;

    void stdinIsScript() {
        stdinIsScript = true;
    }

    /**
     * Standard input, for an option given {@code -}; in a shell script read from standard input it is the rest of
     * the script, so the command is refused (exit 2) with what to give instead, rather than swallowing the lines.
     */
    static java.io.InputStream standardInput(CommandSpec spec, String what, String instead) {
        if (spec.root().userObject() instanceof RtcCommand r && r.stdinIsScript) {
            throw new dev.rtc.RtcException(dev.rtc.Exit.USAGE, what + ": standard input is the script 'rtc shell'"
                    + " is reading; " + instead);
        }
        return System.in;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is needed");
    }
}
