package dev.rtc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;

/**
 * Renders the footer of every command's {@code --help} (its Examples, Exit codes and notes) wrapped to the help
 * width with hanging indents, where picocli would wrap a long line back to column 0: an exit-code line continues
 * under its text, a note under its first word plus two, and an example command breaks at a space with a shell
 * line continuation (" \") so it can still be pasted. Man pages are made from the model, not from this.
 */
final class HelpFooter implements IHelpSectionRenderer {
    private static final Pattern EXIT_CODE = Pattern.compile("^(\\s*\\d+(?:-\\d+)?\\s+)\\S.*");
    private static final Pattern COMMAND = Pattern.compile("^(\\s*)(?:rtc |printf |\\$ |[A-Z][A-Z_]*=\\S* ).*");

    /** Installs the renderer on a command line and every subcommand under it. */
    static void install(CommandLine cl) {
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, new HelpFooter());
        cl.getSubcommands().values().forEach(HelpFooter::install);
    }

    @Override
    public String render(Help help) {
        String[] lines = help.commandSpec().usageMessage().footer();
        int width = help.commandSpec().usageMessage().width();
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            String text = line.contains("%") ? String.format(line) : line;
            for (String piece : text.split("\n", -1)) {
                for (String wrapped : wrap(piece, width)) {
                    out.append(help.colorScheme().text(wrapped).toString()).append(System.lineSeparator());
                }
            }
        }
        return out.toString();
    }

    /** One footer line as the lines it takes at this width. */
    static List<String> wrap(String line, int width) {
        if (line.length() <= width) {
            return List.of(line);
        }
        Matcher command = COMMAND.matcher(line);
        if (command.matches()) {
            return breakAtSpaces(line, width - 2, " ".repeat(command.group(1).length() + 4), " \\");
        }
        Matcher code = EXIT_CODE.matcher(line);
        int hang = code.matches() ? code.group(1).length() : leading(line) + 2;
        return breakAtSpaces(line, width, " ".repeat(hang), "");
    }

    private static List<String> breakAtSpaces(String line, int width, String indent, String continuation) {
        List<String> out = new ArrayList<>();
        String rest = line;
        String prefix = "";
        while ((prefix + rest).length() > width) {
            String candidate = prefix + rest;
            int cut = candidate.lastIndexOf(' ', width);
            if (cut <= prefix.length() + leading(rest)) {
                // one word longer than the line: leave it whole rather than split it
                cut = candidate.indexOf(' ', width);
                if (cut < 0) {
                    break;
                }
            }
            out.add(candidate.substring(0, cut).stripTrailing() + continuation);
            rest = candidate.substring(cut + 1).stripLeading();
            prefix = indent;
        }
        out.add(prefix + rest);
        return out;
    }

    private static int leading(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
