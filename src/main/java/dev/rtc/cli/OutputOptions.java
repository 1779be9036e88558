package dev.rtc.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --format text|json}, shared by the commands that produce one result. */
public final class OutputOptions {
    /** The output formats of a command that prints one result. */
    public enum Format { text, json }

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    public Format format = Format.text;

    public boolean json() {
        return format == Format.json;
    }

    /** Colour decision for this run: a terminal, no NO_COLOR, no --no-color. */
    public boolean color() {
        Object root = mixee == null ? null : mixee.root().userObject();
        boolean noColor = root instanceof RtcCommand r && r.noColor();
        return Terminal.colorWanted(noColor);
    }
}
