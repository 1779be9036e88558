package dev.rtc.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rtc.ice.Candidate;
import dev.rtc.ice.GatherReport;
import dev.rtc.ice.Latency;
import dev.rtc.ice.Outcome;
import dev.rtc.ice.Priority;
import dev.rtc.ice.RelayCheck;
import dev.rtc.ice.ServerVerdict;
import dev.rtc.net.Addresses;
import dev.rtc.output.Json;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The renderings of a gather run: the trickle-ice-like table (a row per candidate as it arrives), the server
 * verdicts, warnings and the "Done" line for people; one JSON document, ndjson events and SDP candidate lines for
 * programs. Every method is a pure function of the records it is given.
 */
public final class GatherOutput {
    private static final int[] WIDTHS = {6, 9, 5, 10, 8, 15, 5, 17, 36, 0};
    private static final String[] HEADERS = {"Time", "Component", "Type", "Foundation", "Protocol", "Address",
        "Port", "Priority", "URL", "Relay protocol"};

    private GatherOutput() {
    }

    /** The header of the candidate table. */
    public static String tableHeader() {
        return line(HEADERS);
    }

    /** One candidate as a table row (fixed columns, so rows can be printed as they arrive). */
    public static String tableRow(Candidate c) {
        String url = c.url() == null ? "" : c.url();
        String hop = c.relayHop() == null ? "" : c.relayHop().lower();
        return line(new String[] {
            seconds(c.elapsedMillis() * 1000), Integer.toString(c.component()), c.type().sdpName(), c.foundation(),
            c.protocol().lower(), Addresses.formatHost(c.address().getAddress()), Integer.toString(c.address().getPort()),
            Priority.parts(c.priority()), url, hop});
    }

    private static String line(String[] cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            String cell = cells[i];
            sb.append(cell);
            if (cell.length() < WIDTHS[i]) {
                sb.append(" ".repeat(WIDTHS[i] - cell.length()));
            }
        }
        return sb.toString().stripTrailing();
    }

    /** The whole text output: table, verdicts, relay checks, warnings and the Done line. */
    public static List<String> text(GatherReport r) {
        List<String> out = new ArrayList<>();
        out.add(tableHeader());
        r.candidates().forEach(c -> out.add(tableRow(c)));
        out.addAll(summary(r));
        return out;
    }

    /** Everything after the table. */
    public static List<String> summary(GatherReport r) {
        List<String> out = new ArrayList<>();
        out.add("");
        out.add("Servers:");
        for (ServerVerdict v : r.servers()) {
            out.addAll(verdict(v));
        }
        if (!r.relayChecks().isEmpty()) {
            out.add("");
            out.add("Relay check:");
            for (RelayCheck c : r.relayChecks()) {
                out.add("  " + relayCheck(c));
            }
        }
        if (!r.warnings().isEmpty()) {
            out.add("");
            out.add("Warnings:");
            r.warnings().forEach(w -> out.add("  " + w));
        }
        out.add("");
        out.add(done(r));
        return out;
    }

    /** The lines of one server's verdict. */
    public static List<String> verdict(ServerVerdict v) {
        List<String> out = new ArrayList<>();
        String head = "  " + v.url() + "  " + v.outcome().label();
        if (v.detail() != null && !v.detail().isEmpty()) {
            head += v.ok() ? " (" + v.detail() + ")" : ": " + v.detail();
        }
        out.add(head);
        List<String> facts = new ArrayList<>();
        if (v.mapped() != null) {
            facts.add("mapped " + address(v.mapped()));
        }
        if (v.relayed() != null) {
            facts.add("relay " + address(v.relayed()));
        }
        if (v.lifetimeSeconds() != null) {
            facts.add("lifetime " + v.lifetimeSeconds() + " s");
        }
        if (v.realm() != null) {
            facts.add("realm \"" + v.realm() + "\"");
        }
        if (v.software() != null) {
            facts.add("software \"" + v.software() + "\"");
        }
        if (!facts.isEmpty()) {
            out.add("      " + String.join("  ", facts));
        }
        Latency l = v.latency();
        if (l != null && v.outcome() != Outcome.SKIPPED) {
            out.add("      DNS " + ms(l.dnsMicros()) + "  TCP connect " + ms(l.connectMicros())
                    + "  TLS handshake " + ms(l.tlsMicros()) + "  first response "
                    + step(l, "firstResponse", l.firstResponseMicros())
                    + (l.firstResponseCode() != null && l.firstResponseCode() != 0 ? " (" + l.firstResponseCode() + ")"
                            : "")
                    + "  authenticated Allocate " + step(l, "authenticatedAllocate", l.allocateMicros()));
        }
        return out;
    }

    /** A step's time, or "ambiguous" when it was answered after a retransmission that no counter resolved. */
    private static String step(Latency l, String name, Long micros) {
        return l.isAmbiguous(name) ? "ambiguous after retransmission" : ms(micros);
    }

    /** One relay check line. */
    public static String relayCheck(RelayCheck c) {
        if (c.failure() != null) {
            return c.url() + "  FAILED: " + c.failure();
        }
        return String.format(Locale.ROOT, "%s  %s  %d/%d packets echoed, %.1f%% loss, RTT min/avg/max %s/%s/%s",
                c.url(), c.passed() ? "OK" : "FAILED", c.received(), c.sent(), c.lossPercent(),
                ms(c.rttMinMicros()), ms(c.rttAvgMicros()), ms(c.rttMaxMicros()));
    }

    /** "Done in X s" with the slowest server. */
    public static String done(GatherReport r) {
        String s = "Done in " + seconds(r.doneMicros()) + " s";
        if (r.timedOut()) {
            s += " (--timeout reached)";
        }
        if (r.slowest().isPresent()) {
            ServerVerdict v = r.slowest().get();
            s += "; slowest server " + v.url() + " (" + seconds(v.elapsedMicros()) + " s)";
        }
        return s;
    }

    /** The SDP lines (RFC 8839), one a=candidate per candidate, then a=end-of-candidates. */
    public static List<String> sdp(GatherReport r) {
        List<String> out = new ArrayList<>();
        r.candidates().forEach(c -> out.add("a=" + c.sdp()));
        out.add("a=end-of-candidates");
        return out;
    }

    /** The JSON document ("schema": "rtc.gather/1"). */
    public static ObjectNode json(GatherReport r) {
        ObjectNode doc = Json.document("gather");
        ArrayNode cands = doc.putArray("candidates");
        r.candidates().forEach(c -> cands.add(candidateJson(c)));
        ArrayNode servers = doc.putArray("servers");
        r.servers().forEach(v -> servers.add(verdictJson(v)));
        ArrayNode checks = doc.putArray("relayChecks");
        r.relayChecks().forEach(c -> checks.add(relayCheckJson(c)));
        ArrayNode warns = doc.putArray("warnings");
        r.warnings().forEach(warns::add);
        doc.put("doneSeconds", secondsValue(r.doneMicros()));
        doc.put("timedOut", r.timedOut());
        doc.put("slowest", r.slowest().map(ServerVerdict::url).orElse(null));
        return doc;
    }

    /** An ndjson event: {@code {"event":"candidate", ...}}. */
    public static ObjectNode candidateEvent(Candidate c) {
        ObjectNode n = Json.object();
        n.put("event", "candidate");
        n.setAll(candidateJson(c));
        return n;
    }

    /** An ndjson event for a server verdict. */
    public static ObjectNode serverEvent(ServerVerdict v) {
        ObjectNode n = Json.object();
        n.put("event", "server");
        n.setAll(verdictJson(v));
        return n;
    }

    /** The closing ndjson events: relay checks, warnings, then "done". */
    public static List<ObjectNode> closingEvents(GatherReport r) {
        List<ObjectNode> out = new ArrayList<>();
        for (RelayCheck c : r.relayChecks()) {
            ObjectNode n = Json.object();
            n.put("event", "relayCheck");
            n.setAll(relayCheckJson(c));
            out.add(n);
        }
        for (String w : r.warnings()) {
            ObjectNode n = Json.object();
            n.put("event", "warning");
            n.put("message", w);
            out.add(n);
        }
        ObjectNode done = Json.object();
        done.put("event", "done");
        done.put("schema", "rtc.gather/1");
        done.put("doneSeconds", secondsValue(r.doneMicros()));
        done.put("timedOut", r.timedOut());
        done.put("slowest", r.slowest().map(ServerVerdict::url).orElse(null));
        out.add(done);
        return out;
    }

    /** The ndjson stream of a finished report, in the order a live run emits it. */
    public static List<String> ndjson(GatherReport r) {
        List<String> out = new ArrayList<>();
        r.candidates().forEach(c -> out.add(Json.line(candidateEvent(c))));
        r.servers().forEach(v -> out.add(Json.line(serverEvent(v))));
        closingEvents(r).forEach(n -> out.add(Json.line(n)));
        return out;
    }

    private static ObjectNode candidateJson(Candidate c) {
        ObjectNode n = Json.object();
        n.put("time", secondsValue(c.elapsedMillis() * 1000));
        n.put("component", c.component());
        n.put("type", c.type().sdpName());
        n.put("foundation", c.foundation());
        n.put("protocol", c.protocol().lower());
        n.put("address", Addresses.formatHost(c.address().getAddress()));
        n.put("port", c.address().getPort());
        n.put("priority", c.priority());
        if (c.related() != null) {
            n.put("relatedAddress", Addresses.formatHost(c.related().getAddress()));
            n.put("relatedPort", c.related().getPort());
        }
        n.put("url", c.url());
        n.put("relayProtocol", c.relayHop() == null ? null : c.relayHop().lower());
        n.put("sdp", c.sdp());
        return n;
    }

    private static ObjectNode verdictJson(ServerVerdict v) {
        ObjectNode n = Json.object();
        n.put("url", v.url());
        n.put("outcome", v.outcome().jsonName());
        n.put("ok", v.ok());
        n.put("detail", v.detail());
        n.put("software", v.software());
        n.put("realm", v.realm());
        if (v.lifetimeSeconds() == null) {
            n.putNull("lifetime");
        } else {
            n.put("lifetime", v.lifetimeSeconds());
        }
        n.put("mapped", v.mapped() == null ? null : address(v.mapped()));
        n.put("relayed", v.relayed() == null ? null : address(v.relayed()));
        ObjectNode l = n.putObject("latencyMs");
        Latency lat = v.latency() == null ? Latency.NONE : v.latency();
        putMs(l, "dns", lat.dnsMicros());
        putMs(l, "tcpConnect", lat.connectMicros());
        putMs(l, "tlsHandshake", lat.tlsMicros());
        putMs(l, "firstResponse", lat.firstResponseMicros());
        putMs(l, "authenticatedAllocate", lat.allocateMicros());
        ArrayNode ambiguous = n.putArray("rttAmbiguous");
        lat.ambiguous().forEach(ambiguous::add);
        if (lat.firstResponseCode() == null) {
            n.putNull("firstResponseCode");
        } else {
            n.put("firstResponseCode", lat.firstResponseCode());
        }
        n.put("elapsedSeconds", secondsValue(v.elapsedMicros()));
        return n;
    }

    private static ObjectNode relayCheckJson(RelayCheck c) {
        ObjectNode n = Json.object();
        n.put("url", c.url());
        n.put("passed", c.passed());
        n.put("sent", c.sent());
        n.put("received", c.received());
        n.put("lossPercent", Math.round(c.lossPercent() * 10) / 10.0);
        putMs(n, "rttMinMs", c.failure() == null ? c.rttMinMicros() : null);
        putMs(n, "rttAvgMs", c.failure() == null ? c.rttAvgMicros() : null);
        putMs(n, "rttMaxMs", c.failure() == null ? c.rttMaxMicros() : null);
        n.put("failure", c.failure());
        return n;
    }

    private static void putMs(ObjectNode n, String name, Long micros) {
        if (micros == null) {
            n.putNull(name);
        } else {
            n.put(name, Math.round(micros / 100.0) / 10.0);
        }
    }

    private static double secondsValue(long micros) {
        return Math.round(micros / 1000.0) / 1000.0;
    }

    static String seconds(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1_000_000.0);
    }

    static String ms(Long micros) {
        return micros == null ? "-" : String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }

    static String address(InetSocketAddress a) {
        return Addresses.format(a);
    }
}
