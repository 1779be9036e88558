package dev.rtc.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rtc.Exit;
import dev.rtc.dissect.Field;
import dev.rtc.dissect.FieldRegistry;
import dev.rtc.dissect.Fields;
import dev.rtc.filter.DisplayFilter;
import dev.rtc.filter.FilterException;
import dev.rtc.output.Json;
import dev.rtc.output.Table;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rtc filter}: checks display filters and lists the fields they can use. */
@Command(name = "filter", mixinStandardHelpOptions = true,
        description = {"Check a Wireshark display filter (the caret points at the mistake) and list the fields it"
                + " knows. The language is Wireshark 4.0's: the filter `rtc capture` takes is checked the same way.",
                "",
                "A field or protocol alone tests that it is there. Comparisons: == != === !== > < >= <= (also eq ne"
                        + " all_eq any_ne gt lt ge le, any/all before them), contains, matches or ~ (a regular"
                        + " expression, case-insensitive), in {53, 5004, 50000..50002}. Combine with not/!, and/&&,"
                        + " or/|| and parentheses. Values: numbers (decimal, 0x, 0b, 0 octal, 'c'), addresses and"
                        + " CIDR blocks, byte strings (21:12:a4:42), quoted strings, value names (\"Good\")."
                        + " Slices udp.payload[0:2], [-4:], [4-7]; functions len count upper lower string max min"
                        + " abs; arithmetic + - * / %% and bitwise &, also in braces ({40 + 54})."},
        subcommands = {FilterCommand.Check.class, FilterCommand.FieldsList.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  rtc filter check 'ip.addr == 10.0.0.0/8 and udp.length > 100'",
                "  rtc filter check 'stun.att.type == 0x0020 && !(udp.port in {3478, 5349})'",
                "  rtc filter fields stun.att",
                "",
                "Exit codes:",
                "  0  the filter is valid (check), the fields were listed (fields)",
                "  2  the filter is invalid, or no field has that prefix"})
public final class FilterCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is needed: check or fields");
    }

    /** {@code rtc filter check EXPR}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Compile a display filter against rtc's fields. A valid filter prints nothing (text) and"
                    + " exits 0; an invalid one prints Wireshark's message, the filter and a caret under the"
                    + " mistake on stderr and exits 2.",
            footerHeading = "%nExamples:%n",
            footer = {
                    "  rtc filter check 'stun && udp.port == 3478'",
                    "  rtc filter check 'udp.port == 70000'    # exit 2: too big for this field",
                    "  rtc filter check --format json 'stun.att.username contains \"alice\"'",
                    "",
                    "Exit codes:",
                    "  0  valid",
                    "  2  invalid (message and caret on stderr; in JSON on stdout)"})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        OutputOptions output;

        @Parameters(paramLabel = "EXPR", arity = "1..*",
                description = "The display filter; several words are joined with spaces, as tshark does.")
        List<String> words;

        @Override
        public Integer call() {
            String expr = String.join(" ", words);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            FieldRegistry registry = Fields.registry();
            try {
                DisplayFilter filter = DisplayFilter.compile(expr, registry);
                if (output.json()) {
                    ObjectNode doc = Json.document("filter-check");
                    doc.put("expression", expr);
                    doc.put("valid", true);
                    ArrayNode used = doc.putArray("fields");
                    for (int id : filter.fieldsUsed()) {
                        used.add(registry.get(id).name());
                    }
                    out.println(Json.pretty(doc));
                }
                out.flush();
                return Exit.OK.code();
            } catch (FilterException e) {
                if (output.json()) {
                    ObjectNode doc = Json.document("filter-check");
                    doc.put("expression", expr);
                    doc.put("valid", false);
                    ObjectNode error = doc.putObject("error");
                    error.put("message", e.getMessage());
                    if (e.hasSpan()) {
                        error.put("start", e.start());
                        error.put("end", e.end());
                    }
                    out.println(Json.pretty(doc));
                    out.flush();
                } else {
                    err.println(spec.qualifiedName() + ": " + e.getMessage());
                    if (e.hasSpan()) {
                        err.println(e.caret(expr));
                    }
                    err.flush();
                }
                return Exit.USAGE.code();
            }
        }
    }

    /** {@code rtc filter fields [PREFIX]}. */
    @Command(name = "fields", mixinStandardHelpOptions = true,
            description = "List the fields a display filter can use, with their Wireshark type (as `tshark -G"
                    + " fields` names it) and description, sorted by name.",
            footerHeading = "%nExamples:%n",
            footer = {
                    "  rtc filter fields",
                    "  rtc filter fields stun.att",
                    "  rtc filter fields --format json udp",
                    "",
                    "Exit codes:",
                    "  0  listed",
                    "  2  no field name starts with PREFIX"})
    static final class FieldsList implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        OutputOptions output;

        @Parameters(paramLabel = "PREFIX", arity = "0..1", defaultValue = "",
                description = "Only the fields whose name starts with this (e.g. stun.att).")
        String prefix;

        @Override
        public Integer call() {
            List<Field> fields = Fields.registry().withPrefix(prefix);
            if (fields.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no field name starts with '" + prefix + "'");
            }
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                ObjectNode doc = Json.document("filter-fields");
                ArrayNode list = doc.putArray("fields");
                for (Field f : fields) {
                    ObjectNode o = list.addObject();
                    o.put("name", f.name());
                    o.put("type", DisplayFilter.typeName(f));
                    o.put("description", f.description());
                    if (!f.valueNames().isEmpty()) {
                        ObjectNode values = o.putObject("values");
                        for (Map.Entry<Long, String> e : new TreeMap<>(f.valueNames()).entrySet()) {
                            values.put(String.valueOf(e.getKey()), e.getValue());
                        }
                    }
                }
                out.println(Json.pretty(doc));
            } else {
                Table table = new Table("FIELD", "TYPE", "DESCRIPTION");
                for (Field f : fields) {
                    table.row(f.name(), DisplayFilter.typeName(f), f.description());
                }
                out.print(table);
            }
            out.flush();
            return Exit.OK.code();
        }
    }
}
