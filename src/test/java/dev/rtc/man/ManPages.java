package dev.rtc.man;

import dev.rtc.cli.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The man pages of rtc and of every subcommand, made from the picocli model that {@link Cli#create} builds:
 * picocli-codegen's ManPageGenerator writes AsciiDoc, Asciidoctor's manpage backend turns it into roff. A new
 * subcommand gets its page with no change here. The pages carry no date, so the same annotations always give the
 * same bytes.
 *
 * <p>{@code main(dir)} rewrites the pages in {@code dir} (the {@code man} Maven profile and
 * {@code ./install.sh --update-man} call it); {@link ManPagesTest} checks the committed ones.
 */
public final class ManPages {
    /** How a developer brings man/ up to date; printed by the test when a page differs. */
    public static final String REGENERATE = "./install.sh --update-man";

    private ManPages() {
    }

    private static Map<String, String> rendered;

    /** Every page, file name ("rtc-stun.1") to roff text, in name order (made once per JVM: JRuby is slow to start). */
    public static synchronized Map<String, String> render() {
        if (rendered == null) {
            rendered = Map.copyOf(convert(asciiDoc()));
        }
        return new TreeMap<>(rendered);
    }

    private static Map<String, String> convert(Map<String, String> adoc) {
        Map<String, String> roff = new TreeMap<>();
        // interpreting beats compiling for a run this short: JRuby starts about a third faster
        System.setProperty("jruby.compile.mode", "OFF");
        try (Asciidoctor asciidoctor = Asciidoctor.Factory.create()) {
            Options options = Options.builder()
                    .backend("manpage")
                    .standalone(true)
                    .safe(SafeMode.SAFE)
                    .attributes(Attributes.builder()
                            .attribute("docdate", "")
                            .attribute("doctime", "")
                            .attribute("reproducible", "")
                            .attribute("manmanual", "rtc manual")
                            .build())
                    .build();
            adoc.forEach((file, text) -> roff.put(file, asciidoctor.convert(text, options)));
        }
        return roff;
    }

    /** The AsciiDoc of every page, file name to text. */
    public static Map<String, String> asciiDoc() {
        CommandLine root = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        Map<String, String> pages = new TreeMap<>();
        for (CommandSpec spec : allCommands(root.getCommandSpec())) {
            StringWriter text = new StringWriter();
            try (PrintWriter pw = new PrintWriter(text)) {
                ManPageGenerator.writeSingleManPage(pw, spec);
            }
            pages.put(spec.qualifiedName("-") + ".1", text.toString());
        }
        return pages;
    }

    private static List<CommandSpec> allCommands(CommandSpec spec) {
        List<CommandSpec> out = new ArrayList<>();
        out.add(spec);
        for (CommandLine sub : spec.subcommands().values()) {
            // aliases map to the same CommandLine: keep each command once
            if (sub.getCommandSpec().parent() == spec && !out.contains(sub.getCommandSpec())
                    && sub.getCommandName().equals(sub.getCommandSpec().name())) {
                out.addAll(allCommands(sub.getCommandSpec()));
            }
        }
        return out;
    }

    /** The committed pages in a directory: file name to text (only rtc*.1 files). */
    public static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> pages = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return pages;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "rtc*.1")) {
            for (Path f : files) {
                pages.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return pages;
    }

    /** Rewrites the pages in the directory given as the only argument, removing pages of commands that are gone. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "man");
        Files.createDirectories(dir);
        Map<String, String> pages = render();
        for (String old : read(dir).keySet()) {
            if (!pages.containsKey(old)) {
                Files.delete(dir.resolve(old));
            }
        }
        for (Map.Entry<String, String> e : pages.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        System.out.println("wrote " + pages.size() + " man pages to " + dir);
    }
}
