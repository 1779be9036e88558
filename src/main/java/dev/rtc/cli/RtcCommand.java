package dev.rtc.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command: global options and the list of subcommands. */
@Command(name = "rtc",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Tells WebRTC and VoIP engineers why their real-time traffic does or does not get through"
                + " a network: STUN, TURN, ICE, NAT classification and packet capture.",
        subcommands = {
                AutoComplete.GenerateCompletion.class,
                FilterCommand.class,
                CaptureCommand.class,
                NatTypeCommand.class,
                StunServerCommand.class,
                StunCommand.class,
                GatherCommand.class,
        },
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

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is needed");
    }
}
