package dev.rtc.cli;

import dev.rtc.cli.shell.FilterChecker;
import dev.rtc.cli.shell.FilterCompletion;
import dev.rtc.cli.shell.InteractiveShell;
import dev.rtc.cli.shell.Shell;
import dev.rtc.dissect.FieldRegistry;
import dev.rtc.dissect.Fields;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rtc shell}: every rtc command at an interactive prompt, or a script of commands read from stdin. */
@Command(name = "shell",
        description = {
                "An interactive shell: every rtc command at an 'rtc> ' prompt, with the same options and output.",
                "Tab completes commands, options, option values (interfaces for -i, formats, NAT types, files)"
                        + " and, inside a display filter, field names, operators and value names; an invalid"
                        + " filter is marked as it is typed. History is kept in ~/.rtc_history. Built-ins: help,"
                        + " clear, exit. Ctrl-C stops the running command and returns to the prompt; Ctrl-D"
                        + " leaves.",
                "With standard input not a terminal, reads commands line by line and runs them in order (lines"
                        + " starting with # are comments); the exit status is that of the last command that"
                        + " failed. There standard input is the script: a command given '-' for its input"
                        + " (stun --decode -, capture -r -) is refused; give it a file."},
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {
                "  rtc shell",
                "  rtc> capture -r samples/turn-udp-session.pcap 'stun.att.<Tab>",
                "  printf 'filter check stun\\n--version\\n' | rtc shell",
                "  rtc shell < checks.rtc && echo all passed",
                "",
                "Exit codes:",
                "  0  every command succeeded (interactive: left with Ctrl-D or exit)",
                "  1-5  the exit code of the last command that failed (see rtc(1)); exit N leaves with N"})
public final class ShellCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FieldRegistry fields = Fields.registry();
        FilterChecker checker = FilterChecker.compiling(fields);
        if (System.console() == null) {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Shell shell = new Shell(() -> {
                CommandLine commands = Cli.create(out, err);
                ((RtcCommand) commands.getCommand()).stdinIsScript();
                return commands;
            }, out, err);
            return shell.runScript(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        }
        boolean noColor = spec.root().userObject() instanceof RtcCommand r && r.noColor();
        return InteractiveShell.run(checker, new FilterCompletion(fields), Terminal.colorWanted(noColor));
    }
}
