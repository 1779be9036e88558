package dev.rtc.cli.shell;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * What a word of a shell line is, found by walking the picocli model: a command name, an option name, the value
 * of an option, or a positional parameter of the command the words before it select. Completion and the
 * highlighter use it, so any command that exists is understood without the shell knowing it.
 *
 * @param command the (sub)command the word belongs to
 * @param kind    what the word is
 * @param arg     the option whose value it is, or the positional parameter it fills (null if none)
 */
public record CommandPosition(CommandSpec command, Kind kind, ArgSpec arg) {
    /** What a word is. */
    public enum Kind { COMMAND, OPTION, OPTION_VALUE, POSITIONAL }

    /** Where the word at {@code index} stands, given the words before it. */
    public static CommandPosition locate(CommandSpec root, List<String> words, int index) {
        CommandSpec cmd = root;
        int positional = 0;
        boolean optionsEnded = false;
        for (int i = 0; i < index && i < words.size(); i++) {
            String w = words.get(i);
            if (!optionsEnded && w.equals("--")) {
                optionsEnded = true;
                continue;
            }
            OptionSpec opt = optionsEnded ? null : option(cmd, w);
            if (opt != null) {
                if (!w.contains("=") && takesValue(opt)) {
                    if (i + 1 == index) {
                        return new CommandPosition(cmd, Kind.OPTION_VALUE, opt);
                    }
                    i++;
                }
                continue;
            }
            CommandLine sub = positional == 0 && !optionsEnded ? cmd.subcommands().get(w) : null;
            if (sub != null) {
                cmd = sub.getCommandSpec();
                continue;
            }
            positional++;
        }
        String current = index < words.size() ? words.get(index) : "";
        if (!optionsEnded && current.startsWith("-")) {
            return new CommandPosition(cmd, Kind.OPTION, null);
        }
        if (positional == 0 && !cmd.subcommands().isEmpty()) {
            return new CommandPosition(cmd, Kind.COMMAND, null);
        }
        return new CommandPosition(cmd, Kind.POSITIONAL, positionalAt(cmd, positional));
    }

    /** True when the word holds a display filter (see {@link #isFilter(ArgSpec)}). */
    public boolean isFilter() {
        return (kind == Kind.POSITIONAL || kind == Kind.OPTION_VALUE) && isFilter(arg);
    }

    /** A display filter is a parameter labelled FILTER (capture's, -Y) or EXPR ({@code filter check}). */
    static boolean isFilter(ArgSpec arg) {
        String label = label(arg);
        return label.equals("FILTER") || label.equals("EXPR");
    }

    /** A field name: a parameter labelled FIELD ({@code capture -e}) or PREFIX ({@code filter fields}). */
    static boolean isFieldName(ArgSpec arg) {
        String label = label(arg);
        return label.equals("FIELD") || label.equals("PREFIX");
    }

    private static String label(ArgSpec arg) {
        return arg == null || arg.paramLabel() == null ? "" : arg.paramLabel().toUpperCase();
    }

    /** The option a word names ({@code --format} or {@code --format=json}), or null. */
    static OptionSpec option(CommandSpec cmd, String word) {
        if (!word.startsWith("-") || word.equals("-")) {
            return null;
        }
        int eq = word.indexOf('=');
        return cmd.findOption(eq > 0 ? word.substring(0, eq) : word);
    }

    static boolean takesValue(OptionSpec opt) {
        return opt.arity().max() > 0 && !(opt.type() == boolean.class || opt.type() == Boolean.class);
    }

    private static PositionalParamSpec positionalAt(CommandSpec cmd, int n) {
        for (PositionalParamSpec p : cmd.positionalParameters()) {
            if (p.index().contains(n)) {
                return p;
            }
        }
        return null;
    }
}
