package dev.rtc.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.testing.ExternalProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Asks tshark which frames of a capture many display filters select, in one run: a Lua script registers one tap
 * listener per filter (tap filters are compiled and run by the same engine as {@code -Y}) and prints, per filter,
 * the frame numbers it saw or the error tshark gave. {@link #frames} runs the plain
 * {@code tshark -n -r FILE -Y EXPR -T fields -e frame.number} for one filter, to keep the two ways honest.
 */
final class TsharkOracle {
    private static final String MARK = "RTCFILTER\t";

    private TsharkOracle() {
    }

    /** What a filter did: the frames it selected, or the error message when it did not compile. */
    record Outcome(List<Long> frames, String error) {
        @Override
        public String toString() {
            return error != null ? "error: " + error : frames.toString();
        }
    }

    static Map<String, Outcome> evaluate(Path pcap, List<String> expressions) throws IOException,
            InterruptedException {
        return evaluate(pcap, expressions, List.of());
    }

    /** The same with more tshark options ({@code --enable-heuristic rtp_udp}, {@code -d ...}). */
    static Map<String, Outcome> evaluate(Path pcap, List<String> expressions, List<String> options)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("rtc-filter-oracle", ".lua");
        try {
            Files.writeString(script, script(expressions));
            List<String> command = new ArrayList<>(List.of("tshark", "-n", "-q", "-r", pcap.toString(), "-X",
                    "lua_script:" + script));
            command.addAll(options);
            String out = run(command);
            Map<String, Outcome> results = new LinkedHashMap<>();
            for (String line : out.split("\n")) {
                if (!line.startsWith(MARK)) {
                    continue;
                }
                String[] parts = line.substring(MARK.length()).split("\t", 2);
                String expr = expressions.get(Integer.parseInt(parts[0]) - 1);
                String body = parts.length > 1 ? parts[1] : "";
                results.put(expr, body.startsWith("ERR ") ? new Outcome(null, errorMessage(expr, body.substring(4)))
                        : new Outcome(numbers(body), null));
            }
            assertThat(results).as("tshark answered for every filter; its output:%n%s", out)
                    .hasSize(expressions.size());
            for (Map.Entry<String, Outcome> e : results.entrySet()) {
                // tshark's Lua binding cannot quote an error message holding '%': ask -Y instead
                if (e.getValue().error() != null && e.getValue().error().contains("lua_pushfstring")) {
                    e.setValue(frames(pcap, e.getKey()));
                }
            }
            return results;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** The frames {@code tshark -Y EXPR} prints, or its error message (first line, without "tshark: "). */
    static Outcome frames(Path pcap, String expr) throws IOException, InterruptedException {
        String out = run(List.of("tshark", "-n", "-r", pcap.toString(), "-Y", expr, "-T", "fields",
                "-e", "frame.number"));
        List<Long> frames = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("tshark: ")) {
                return new Outcome(null, line.substring("tshark: ".length()));
            }
            if (line.matches("\\d+")) {
                frames.add(Long.parseLong(line));
            }
        }
        return new Outcome(frames, null);
    }

    /** Everything tshark prints for a filter it rejects: message, the filter, the caret line. */
    static String errorOutput(Path pcap, String expr) throws IOException, InterruptedException {
        String out = run(List.of("tshark", "-n", "-r", pcap.toString(), "-Y", expr));
        StringBuilder sb = new StringBuilder();
        boolean on = false;
        for (String line : out.split("\n")) {
            if (line.startsWith("tshark: ")) {
                on = true;
                sb.append(line.substring("tshark: ".length()));
                continue;
            }
            if (on && !line.isBlank()) {
                sb.append('\n').append(line);
            }
        }
        return sb.toString();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        try (ExternalProcess p = ExternalProcess.start(command)) {
            if (!p.process().waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("tshark did not finish in 120 s: " + command);
            }
            return p.log();
        }
    }

    private static List<Long> numbers(String body) {
        List<Long> out = new ArrayList<>();
        for (String s : body.trim().split(" ")) {
            if (!s.isEmpty()) {
                out.add(Long.parseLong(s));
            }
        }
        return out;
    }

    /** The tap error reads "Error while registering tap: Filter "EXPR" is invalid - MESSAGE". */
    private static String errorMessage(String expr, String text) {
        String lead = "Filter \"" + expr + "\" is invalid - ";
        int at = text.indexOf(lead);
        return at < 0 ? text : text.substring(at + lead.length());
    }

    private static String script(List<String> expressions) {
        StringBuilder sb = new StringBuilder("local exprs = {\n");
        for (String e : expressions) {
            String eq = "=".repeat(8);
            sb.append("[").append(eq).append("[").append(e).append("]").append(eq).append("],\n");
        }
        sb.append("""
                }
                local hits = {}
                for i, e in ipairs(exprs) do
                  local ok, l = pcall(Listener.new, nil, e)
                  if ok then
                    local mine = {}
                    hits[i] = mine
                    l.packet = function(pinfo, tvb) mine[#mine + 1] = pinfo.number end
                  else
                    hits[i] = "ERR " .. string.gsub(tostring(l), "\\n", " ")
                  end
                end
                local done = Listener.new(nil, nil)
                function done.draw()
                  for i, e in ipairs(exprs) do
                    local h = hits[i]
                    if type(h) == "string" then
                      print("RTCFILTER\\t" .. i .. "\\t" .. h)
                    else
                      print("RTCFILTER\\t" .. i .. "\\t" .. table.concat(h, " "))
                    end
                  end
                end
                """);
        return sb.toString();
    }
}
