package dev.rtc.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rtc.ice.CandidateType;
import dev.rtc.ice.IceAgent;
import dev.rtc.ice.IceCandidate;
import dev.rtc.ice.IceSession;
import dev.rtc.ice.PairSnapshot;
import dev.rtc.ice.PairState;
import dev.rtc.net.Addresses;
import dev.rtc.output.Json;
import dev.rtc.output.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report of {@code rtc ice}: a text table like chrome://webrtc-internals' candidate pairs, or rtc.ice/1 JSON. */
final class IceOutput {
    private IceOutput() {
    }

    /**
     * Everything a report shows, taken from the agent once it is done.
     *
     * @param unusable the peer's candidates the agent could not use, as SDP lines
     * @param warnings what gathering had to say
     */
    record Result(boolean connected, boolean controlling, IceAgent.State state, PairSnapshot selected,
                  List<PairSnapshot> pairs, List<IceCandidate> local, List<IceCandidate> remote,
                  IceAgent.Timings timings, String failure, int roleConflicts, List<String> unusable,
                  List<String> warnings, int exitCode, List<IceSession.RelayState> relays) {
    }

    static List<String> text(Result r) {
        List<String> out = new ArrayList<>();
        out.add("Local candidates:");
        candidates(r.local()).forEach(out::add);
        out.add("Remote candidates:");
        candidates(r.remote()).forEach(out::add);
        for (String u : r.unusable()) {
            out.add("  not used: a=" + u);
        }
        if (!r.relays().isEmpty()) {
            out.add("Allocations:");
            Table a = new Table("SERVER", "RELAYED", "MAPPED", "LIFETIME", "REFRESHES").alignRight(3, 4);
            for (IceSession.RelayState s : r.relays()) {
                a.row(s.server(), Addresses.format(s.relayed()), s.mapped() == null ? "-" : Addresses.format(s.mapped()),
                        s.lifetimeSeconds() + " s", s.refreshes());
            }
            a.lines().forEach(l -> out.add("  " + l));
        }
        out.add("");
        out.add("Checklist (role: " + role(r) + "):");
        Table t = new Table("LOCAL", "REMOTE", "PRIORITY", "STATE", "NOMINATED", "SENT", "RECEIVED", "RTT")
                .alignRight(2, 5, 6, 7);
        for (PairSnapshot p : r.pairs()) {
            t.row(p.local().label(), p.remote().label(), Long.toUnsignedString(p.priority()), p.state().label(),
                    p.nominated() ? "yes" : "no", p.requestsSent(), p.responsesReceived(), rtt(p.rttMillis()));
        }
        t.lines().forEach(l -> out.add("  " + l));
        for (PairSnapshot p : r.pairs()) {
            if (p.failure() != null) {
                out.add("  " + p.local().label() + " -> " + p.remote().label() + ": " + p.failure());
            }
        }
        out.add("");
        if (r.selected() != null) {
            PairSnapshot s = r.selected();
            out.add("Selected: " + s.local().label() + " <-> " + s.remote().label() + ", RTT " + rtt(s.rttMillis()));
            out.add("  " + meaning(s, r.pairs()));
        }
        if (!r.connected()) {
            out.add("Not connected: " + (r.failure() != null ? r.failure() : "no pair nominated before the timeout"));
            byKind(r.pairs()).forEach((kind, why) -> out.add("  " + kind + ": " + why));
        }
        IceAgent.Timings tm = r.timings();
        out.add("Times: first check " + ms(tm.firstCheckMs()) + ", first success " + ms(tm.firstSuccessMs())
                + ", nomination " + ms(tm.nominatedMs()));
        for (String w : r.warnings()) {
            out.add("Warning: " + w);
        }
        return out;
    }

    private static List<String> candidates(List<IceCandidate> list) {
        if (list.isEmpty()) {
            return List.of("  (none)");
        }
        Table t = new Table("TYPE", "ADDRESS", "PRIORITY", "FOUNDATION", "RELATED").alignRight(2);
        for (IceCandidate c : list) {
            t.row(c.type().sdpName(), Addresses.format(c.address()), c.priority(), c.foundation(),
                    c.related() == null ? "-" : Addresses.format(c.related()));
        }
        return t.lines().stream().map(l -> "  " + l).toList();
    }

    private static String role(Result r) {
        return (r.controlling() ? "controlling" : "controlled")
                + (r.roleConflicts() > 0 ? ", after " + r.roleConflicts() + " role conflict"
                + (r.roleConflicts() == 1 ? "" : "s") + " settled by the tie-breakers" : "");
    }

    /** What the selected pair means, in one sentence. */
    static String meaning(PairSnapshot s) {
        return meaning(s, List.of());
    }

    /** What the selected pair means, in one sentence; for a relayed pair, why no direct pair worked. */
    static String meaning(PairSnapshot s, List<PairSnapshot> pairs) {
        String kinds = s.local().type().sdpName() + " <-> " + s.remote().type().sdpName();
        if (s.relayed()) {
            String through = s.local().relayServer() != null ? "through " + s.local().relayServer()
                    : "through the peer's TURN server";
            List<PairSnapshot> direct = pairs.stream().filter(p -> !p.relayed()).toList();
            String why;
            if (direct.isEmpty()) {
                why = "no direct pair was tried";
            } else if (direct.stream().allMatch(p -> p.state() == PairState.FAILED)) {
                why = "every direct pair failed" + direct.stream().map(PairSnapshot::failure)
                        .filter(java.util.Objects::nonNull).findFirst().map(f -> " (" + f + ")").orElse("");
            } else {
                why = "the relayed pair was nominated first";
            }
            return "relayed " + through + ": " + kinds + ", " + why;
        }
        boolean hosts = s.local().type() == CandidateType.HOST && s.remote().type() == CandidateType.HOST;
        if (hosts) {
            return "direct: " + kinds + ", the peers reach each other's addresses without a NAT in between";
        }
        return "direct: " + kinds + ", the NAT" + (s.local().type() != CandidateType.HOST
                && s.remote().type() != CandidateType.HOST ? "s on both sides" : " in between")
                + " traversed";
    }

    /** How the failed pairs failed, grouped by their kind ("host -> srflx"). */
    static Map<String, String> byKind(List<PairSnapshot> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (PairSnapshot p : pairs) {
            if (p.state() == PairState.FAILED && p.failure() != null) {
                out.putIfAbsent(p.local().type().sdpName() + " -> " + p.remote().type().sdpName(), p.failure());
            }
        }
        return out;
    }

    private static String rtt(double ms) {
        return ms < 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    private static String ms(double ms) {
        return ms < 0 ? "-" : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    // ---------------------------------------------------------------- JSON

    static ObjectNode json(Result r) {
        ObjectNode n = Json.document("ice");
        n.put("connected", r.connected());
        n.put("role", r.controlling() ? "controlling" : "controlled");
        n.put("state", r.state().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (r.selected() != null) {
            n.set("selectedPair", pair(r.selected()));
        } else {
            n.putNull("selectedPair");
        }
        ArrayNode pairs = n.putArray("pairs");
        r.pairs().forEach(p -> pairs.add(pair(p)));
        ArrayNode local = n.putArray("localCandidates");
        r.local().forEach(c -> local.add(candidate(c)));
        ArrayNode remote = n.putArray("remoteCandidates");
        r.remote().forEach(c -> remote.add(candidate(c)));
        ArrayNode unusable = n.putArray("unusedRemoteCandidates");
        r.unusable().forEach(unusable::add);
        ObjectNode t = n.putObject("timings");
        number(t, "firstCheckMs", r.timings().firstCheckMs());
        number(t, "firstSuccessMs", r.timings().firstSuccessMs());
        number(t, "nominatedMs", r.timings().nominatedMs());
        n.put("roleConflicts", r.roleConflicts());
        if (r.failure() != null || !r.connected()) {
            n.put("failure", r.failure() != null ? r.failure() : "no pair nominated before the timeout");
        }
        ArrayNode relays = n.putArray("allocations");
        for (IceSession.RelayState a : r.relays()) {
            ObjectNode o = relays.addObject();
            o.put("server", a.server());
            o.put("relayedAddress", Addresses.formatHost(a.relayed().getAddress()));
            o.put("relayedPort", a.relayed().getPort());
            if (a.mapped() != null) {
                o.put("mappedAddress", Addresses.formatHost(a.mapped().getAddress()));
                o.put("mappedPort", a.mapped().getPort());
            }
            o.put("lifetimeSeconds", a.lifetimeSeconds());
            o.put("refreshes", a.refreshes());
        }
        ArrayNode warnings = n.putArray("warnings");
        r.warnings().forEach(warnings::add);
        n.put("exitCode", r.exitCode());
        return n;
    }

    static ObjectNode pair(PairSnapshot p) {
        ObjectNode n = Json.object();
        n.set("local", candidate(p.local()));
        n.set("remote", candidate(p.remote()));
        n.put("priority", Long.toUnsignedString(p.priority()));
        n.put("state", p.state().label());
        n.put("nominated", p.nominated());
        n.put("requestsSent", p.requestsSent());
        n.put("responsesReceived", p.responsesReceived());
        n.put("requestsReceived", p.requestsReceived());
        number(n, "rttMs", p.rttMillis());
        if (p.failure() != null) {
            n.put("failure", p.failure());
        }
        return n;
    }

    static ObjectNode candidate(IceCandidate c) {
        ObjectNode n = Json.object();
        n.put("type", c.type().sdpName());
        n.put("protocol", "udp");
        n.put("address", Addresses.formatHost(c.address().getAddress()));
        n.put("port", c.address().getPort());
        n.put("priority", c.priority());
        n.put("foundation", c.foundation());
        if (c.related() != null) {
            n.put("relatedAddress", Addresses.formatHost(c.related().getAddress()));
            n.put("relatedPort", c.related().getPort());
        }
        if (c.relayProtocol() != null) {
            n.put("relayProtocol", c.relayProtocol().lower());
            n.put("relayServer", c.relayServer());
        }
        return n;
    }

    private static void number(ObjectNode n, String name, double ms) {
        if (ms < 0) {
            n.putNull(name);
        } else {
            n.put(name, Math.round(ms * 1000) / 1000.0);
        }
    }

    /** One ndjson event: {"event": NAME, ...}. */
    static ObjectNode event(String name, ObjectNode body) {
        ObjectNode n = Json.object();
        n.put("event", name);
        n.setAll(body);
        return n;
    }
}
