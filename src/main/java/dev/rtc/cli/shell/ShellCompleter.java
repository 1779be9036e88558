package dev.rtc.cli.shell;

import java.io.File;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.builtins.Completers;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Tab completion from the picocli model: commands, options, option values (an option's completion candidates,
 * enum constants, interface names for {@code -i}, files for {@code -r}/{@code -w} and file-typed options) and,
 * in a display-filter argument, fields, operators and value names.
 */
public final class ShellCompleter implements Completer {
    /** Words the shell itself understands. */
    public static final List<String> BUILTINS = List.of("help", "clear", "exit");

    private final CommandSpec root;
    private final FilterCompletion filters;
    private final Completers.FileNameCompleter files = new Completers.FileNameCompleter();

    public ShellCompleter(CommandSpec root, FilterCompletion filters) {
        this.root = root;
        this.filters = filters;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int index = line.wordIndex();
        String typed = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        CommandPosition pos = CommandPosition.locate(root, words, index);
        switch (pos.kind()) {
            case COMMAND -> {
                if (pos.command() == root) {
                    BUILTINS.forEach(b -> candidates.add(new Candidate(b, b, "shell", null, null, null, true)));
                }
                pos.command().subcommands().forEach((name, sub) -> candidates.add(new Candidate(name, name,
                        "commands", firstLine(sub.getCommandSpec().usageMessage().description()), null, null,
                        true)));
            }
            case OPTION -> {
                OptionSpec withValue = CommandPosition.option(pos.command(), typed);
                if (typed.contains("=") && withValue != null) {
                    String name = typed.substring(0, typed.indexOf('=') + 1);
                    values(withValue, typed.substring(name.length()), name, reader, line, candidates);
                } else {
                    for (OptionSpec o : pos.command().options()) {
                        for (String n : o.names()) {
                            candidates.add(new Candidate(n, n, "options", firstLine(o.description()), null,
                                    null, true));
                        }
                    }
                }
            }
            case OPTION_VALUE -> values(pos.arg(), typed, "", reader, line, candidates);
            case POSITIONAL -> {
                if (pos.arg() != null) {
                    values(pos.arg(), typed, "", reader, line, candidates);
                }
            }
        }
    }

    private void values(ArgSpec arg, String typed, String prefix, LineReader reader, ParsedLine line,
            List<Candidate> candidates) {
        if (CommandPosition.isFilter(arg) || CommandPosition.isFieldName(arg)) {
            for (FilterCompletion.Suggestion s : filters.complete(typed)) {
                candidates.add(new Candidate(prefix + s.value(), s.display(), s.group(), s.description(), null,
                        null, false));
            }
            return;
        }
        List<String> known = new ArrayList<>();
        if (arg.completionCandidates() != null) {
            arg.completionCandidates().forEach(known::add);
        } else if (isInterface(arg)) {
            known.addAll(interfaceNames());
        } else if (isFile(arg)) {
            files.complete(reader, line, candidates);
            return;
        }
        // comma-separated lists (--expect full-cone,restricted-cone): complete the last item
        String split = arg.splitRegex();
        String head = prefix;
        if (split != null && !split.isEmpty() && typed.contains(",")) {
            head = prefix + typed.substring(0, typed.lastIndexOf(',') + 1);
        }
        boolean last = split == null || split.isEmpty();
        for (String k : known) {
            candidates.add(new Candidate(head + k, k, "values", null, null, null, last));
        }
    }

    private static boolean isInterface(ArgSpec arg) {
        return arg instanceof OptionSpec o
                && (List.of(o.names()).contains("-i") || List.of(o.names()).contains("--interface"));
    }

    private static boolean isFile(ArgSpec arg) {
        Class<?> type = arg.type();
        Class<?>[] aux = arg.auxiliaryTypes();
        Class<?> element = aux == null || aux.length == 0 ? type : aux[0];
        if (type == File.class || type == Path.class || element == File.class || element == Path.class) {
            return true;
        }
        if (arg instanceof OptionSpec o) {
            for (String n : o.names()) {
                if (n.equals("-r") || n.equals("-w") || n.equals("--read") || n.equals("--write")
                        || n.endsWith("-file")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The machine's network interfaces, as capture devices are named ("lo", "eth0"), plus "any". */
    static List<String> interfaceNames() {
        List<String> names = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                names.add(ni.getName());
            }
        } catch (SocketException e) {
            // no interfaces to offer: completion simply shows none
        }
        Collections.sort(names);
        names.add("any");
        return names;
    }

    private static String firstLine(String[] text) {
        if (text == null || text.length == 0) {
            return null;
        }
        String s = CommandLine.Help.Ansi.OFF.string(text[0]);
        int dot = s.indexOf(". ");
        return dot > 0 ? s.substring(0, dot + 1) : s;
    }
}
