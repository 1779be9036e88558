package dev.rtc.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rtc.ice.CandidateType;
import dev.rtc.ice.DirectionStats;
import dev.rtc.ice.EModel;
import dev.rtc.ice.IceAgent;
import dev.rtc.ice.IceCandidate;
import dev.rtc.dtls.DtlsResult;
import dev.rtc.ice.IceSession;
import dev.rtc.ice.PairSnapshot;
import dev.rtc.ice.PairState;
import dev.rtc.ice.PathMeasurement;
import dev.rtc.ice.RttStats;
import dev.rtc.net.Addresses;
import dev.rtc.net.Durations;
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
            out.add(dev.rtc.signal.Sdp.mdns(u)
                    ? "  not used (an mDNS .local name; rtc does not resolve them): a=" + u
                    : "  not used: a=" + u);
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
        ArrayNode mdns = n.putArray("mdnsRemoteCandidates");
        r.unusable().stream().filter(dev.rtc.signal.Sdp::mdns).forEach(mdns::add);
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

    // ---------------------------------------------------------------- --measure

    /**
     * The "Path quality (estimate)" section of a side that measured, or one line for a side that only reflected
     * the peer's measurement (none when it reflected nothing).
     */
    static List<String> measureText(PathMeasurement.Result m) {
        List<String> out = new ArrayList<>();
        if (m.profile() == null) {
            if (m.reflected() > 0) {
                out.add("Reflected " + m.reflected() + " packets of the peer's measurement.");
                if (m.fromPeer() != null) {
                    out.add("  the peer's stream here: " + m.fromPeer().received() + " of " + m.fromPeer().sent()
                            + " received, " + percent(m.fromPeer().lossPercent()) + " lost");
                }
            }
            return out;
        }
        out.add("");
        out.add("Path quality (estimate), " + m.profile().name() + " profile: " + m.profile().packetsPerSecond()
                + " packets/s of " + m.profile().payloadBytes() + " bytes (RTP PT " + m.profile().payloadType()
                + ", " + m.profile().clockRate() / 1000 + " kHz clock) for " + Durations.format(m.duration()) + ":");
        if (m.interruption() != null) {
            out.add("  interrupted: " + m.interruption());
        }
        Table t = new Table("DIRECTION", "SENT", "RECEIVED", "LOST", "LOSS", "LONGEST BURST", "JITTER", "REORDERED",
                "DUPLICATES", "MOS").alignRight(1, 2, 3, 4, 5, 6, 7, 8, 9);
        double rtt = m.rtt().percentile(50);
        row(t, "to peer", m.toPeer(), rtt);
        row(t, "from peer", m.fromPeer(), rtt);
        row(t, "round trip", m.roundTrip(), -1);
        t.lines().forEach(l -> out.add("  " + l));
        RttStats r = m.rtt();
        out.add("  RTT " + (r.count() == 0 ? "- (no reflection came back)" : "p50 " + rtt(r.percentile(50)) + ", p95 "
                + rtt(r.percentile(95)) + ", max " + rtt(r.max()) + " over " + r.count() + " reflections"));
        out.add("  to peer: " + (m.toPeer() != null ? "the peer's report of what it received"
                : "no report from the peer") + "; from peer: " + (m.fromPeer() != null ? "measured here"
                : "the peer sent no stream (it did not measure)") + ";");
        out.add("  round trip: this side's packets reflected by the peer");
        out.add("  MOS: an estimate, ITU-T G.107 E-model for G.711 voice with packet-loss concealment (Ie 0,");
        out.add("  Bpl 25.1, random loss), 20 ms frames, one-way delay RTT p50 / 2, a jitter buffer of twice the");
        out.add("  jitter, echo cancelled");
        if (m.reflected() > 0) {
            out.add("  reflected " + m.reflected() + " packets of the peer's");
        }
        return out;
    }

    private static void row(Table t, String name, DirectionStats d, double rttMs) {
        if (d == null) {
            t.row(name, "-", "-", "-", "-", "-", "-", "-", "-", "-");
            return;
        }
        t.row(name, d.sent(), d.received(), d.lost(), percent(d.lossPercent()), d.longestBurst(),
                String.format(Locale.ROOT, "%.2f ms", d.jitterMs()), d.reordered(), d.duplicates(),
                rttMs < 0 ? "-" : String.format(Locale.ROOT, "%.2f", EModel.estimate(rttMs, d.jitterMs(),
                        d.lossPercent())));
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p);
    }

    /**
     * The document with its "measure" member: null when this side did not measure; and "reflectedPackets", what
     * this side sent back of the peer's measurement.
     */
    static ObjectNode withMeasure(ObjectNode doc, PathMeasurement.Result m) {
        ObjectNode n = Json.object();
        if (m.profile() == null) {
            doc.putNull("measure");
        } else {
            ObjectNode p = n.putObject("profile");
            p.put("name", m.profile().name());
            p.put("packetsPerSecond", m.profile().packetsPerSecond());
            p.put("payloadBytes", m.profile().payloadBytes());
            p.put("payloadType", m.profile().payloadType());
            p.put("clockRate", m.profile().clockRate());
            n.put("durationMs", m.duration().toMillis());
            n.put("completed", m.interruption() == null);
            if (m.interruption() != null) {
                n.put("interruption", m.interruption());
            }
            double rtt = m.rtt().percentile(50);
            n.set("toPeer", direction(m.toPeer(), rtt, "the peer's report"));
            n.set("fromPeer", direction(m.fromPeer(), rtt, "measured here"));
            n.set("roundTrip", direction(m.roundTrip(), -1, "reflected by the peer"));
            ObjectNode r = n.putObject("rttMs");
            RttStats s = m.rtt();
            r.put("samples", s.count());
            number(r, "p50", s.percentile(50));
            number(r, "p95", s.percentile(95));
            number(r, "max", s.max());
            ObjectNode mos = n.putObject("mosModel");
            mos.put("estimate", true);
            mos.put("assumptions", EModel.ASSUMPTIONS + ", one-way delay RTT p50 / 2");
            doc.set("measure", n);
        }
        doc.put("reflectedPackets", m.reflected());
        if (m.profile() == null && m.fromPeer() != null) {
            doc.set("peerMeasurement", direction(m.fromPeer(), -1, "measured here"));
        }
        return doc;
    }

    private static com.fasterxml.jackson.databind.JsonNode direction(DirectionStats d, double rttMs, String source) {
        if (d == null) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        ObjectNode n = Json.object();
        n.put("source", source);
        n.put("sent", d.sent());
        n.put("received", d.received());
        n.put("lost", d.lost());
        n.put("lossPercent", Math.round(d.lossPercent() * 1000) / 1000.0);
        n.put("longestLossBurst", d.longestBurst());
        n.put("jitterMs", Math.round(d.jitterMs() * 1000) / 1000.0);
        n.put("reordered", d.reordered());
        n.put("duplicates", d.duplicates());
        if (rttMs >= 0) {
            n.put("mosEstimate", Math.round(EModel.estimate(rttMs, d.jitterMs(), d.lossPercent()) * 100) / 100.0);
        }
        return n;
    }

    /** A once-a-second ndjson "measure" event. */
    static ObjectNode progress(PathMeasurement.Progress p) {
        ObjectNode n = Json.object();
        n.put("elapsedMs", Math.round(p.elapsedMs()));
        n.put("sent", p.sent());
        n.put("returned", p.returned());
        n.put("received", p.received());
        number(n, "lastRttMs", p.lastRttMs());
        return n;
    }

    /** One ndjson event: {"event": NAME, ...}. */
    static ObjectNode event(String name, ObjectNode body) {
        ObjectNode n = Json.object();
        n.put("event", name);
        n.setAll(body);
        return n;
    }

    /** This side's view as a room message's body (the shape the page posts: states, selected pair, agent). */
    static ObjectNode statsMessage(PairSnapshot selected, boolean controlling) {
        ObjectNode m = Json.object();
        m.put("iceConnectionState", selected != null ? "connected" : "failed");
        m.put("userAgent", "rtc " + VersionProvider.version());
        m.put("role", controlling ? "controlling" : "controlled");
        if (selected != null) {
            ObjectNode p = m.putObject("selectedPair");
            p.set("local", end(selected.local()));
            p.set("remote", end(selected.remote()));
            number(p, "rttMs", selected.rttMillis());
            m.put("verdict", "connected, " + (selected.relayed() ? "relayed through TURN" : "direct") + " ("
                    + selected.local().type().sdpName() + " \u2194 " + selected.remote().type().sdpName() + ")");
        }
        return m;
    }

    private static ObjectNode end(IceCandidate c) {
        ObjectNode o = Json.object();
        o.put("type", c.type().sdpName());
        o.put("protocol", "udp");
        o.put("address", c.address().getAddress().getHostAddress());
        o.put("port", c.address().getPort());
        return o;
    }

    /** The room's part of the text report: the negotiation, then the peer's own view when it posted one. */
    static List<String> signalText(IceCommand.SignalledPeer s, DtlsResult dtls,
                                   com.fasterxml.jackson.databind.JsonNode peer) {
        List<String> out = new ArrayList<>();
        var n = s.negotiated();
        out.add("Signalling: room " + s.room() + ", member " + s.member() + ", "
                + (n.offerer() ? "joined first: sent the offer" : "joined second: sent the answer"));
        out.add("  DTLS: a=setup:" + n.localSetup() + " here, a=setup:"
                + (n.remoteSdp().setup() == null ? "(none)" : n.remoteSdp().setup()) + " from the peer: rtc is the"
                + " DTLS " + n.dtlsRole() + "; peer fingerprint "
                + (n.remoteSdp().fingerprint() == null ? "(none)" : n.remoteSdp().fingerprint()));
        if (dtls == null) {
            out.add("  DTLS handshake: not run (ICE did not connect)");
        } else if (dtls.completed()) {
            out.add("  DTLS handshake: completed in " + ms(dtls.handshakeTime().toNanos() / 1e6) + ", "
                    + dtls.version() + ", " + dtls.cipherSuite() + ", SRTP "
                    + (dtls.srtpProfile() == null ? "(none agreed)" : dtls.srtpProfile())
                    + "; the peer's certificate matches its fingerprint");
        } else {
            out.add("  DTLS handshake: failed: " + dtls.cause());
        }
        if (peer == null) {
            out.add("The peer's view: none posted (a browser's page posts it once its DTLS connection is up or has"
                    + " failed)");
            return out;
        }
        out.add("The peer's view (its stats message):");
        field(out, "verdict", peer.path("verdict"));
        field(out, "ICE", peer.path("iceConnectionState"));
        field(out, "connection", peer.path("connectionState"));
        field(out, "agent", peer.path("userAgent"));
        var pair = peer.path("selectedPair");
        if (pair.isObject()) {
            out.add("  selected   " + endText(pair.path("local")) + " -> " + endText(pair.path("remote"))
                    + (pair.path("rttMs").isNumber() ? String.format(Locale.ROOT, ", RTT %.1f ms",
                    pair.path("rttMs").asDouble()) : ""));
        }
        return out;
    }

    private static void putText(ObjectNode n, String name, String value) {
        if (value == null) {
            n.putNull(name);
        } else {
            n.put(name, value);
        }
    }

    private static void field(List<String> out, String name, com.fasterxml.jackson.databind.JsonNode v) {
        if (v.isValueNode() && !v.isNull()) {
            out.add("  " + String.format(Locale.ROOT, "%-10s", name) + " " + v.asText());
        }
    }

    private static String endText(com.fasterxml.jackson.databind.JsonNode e) {
        String address = e.path("address").asText("");
        return e.path("type").asText("?") + " " + e.path("protocol").asText("?") + " "
                + (address.isEmpty() ? "(address hidden)" : address) + ":" + e.path("port").asText("?");
    }

    /** The JSON report with a "signal" object (the negotiation) and "peer" (its posted view, or null). */
    static ObjectNode withSignal(ObjectNode doc, IceCommand.SignalledPeer s, DtlsResult dtls,
                                 com.fasterxml.jackson.databind.JsonNode peer) {
        if (s == null) {
            return doc;
        }
        var n = s.negotiated();
        ObjectNode d = doc.putObject("dtls");
        d.put("ran", dtls != null);
        if (dtls != null) {
            d.put("completed", dtls.completed());
            d.put("role", dtls.role());
            putText(d, "version", dtls.version());
            putText(d, "cipherSuite", dtls.cipherSuite());
            putText(d, "srtpProfile", dtls.srtpProfile());
            putText(d, "peerFingerprint", dtls.peerFingerprint());
            d.put("handshakeMs", dtls.handshakeTime().toNanos() / 1e6);
            putText(d, "failure", dtls.cause());
        }
        ObjectNode sig = doc.putObject("signal");
        sig.put("room", s.room());
        sig.put("member", s.member());
        sig.put("offerer", n.offerer());
        sig.put("localSetup", n.localSetup().name());
        if (n.remoteSdp().setup() != null) {
            sig.put("remoteSetup", n.remoteSdp().setup().name());
        } else {
            sig.putNull("remoteSetup");
        }
        sig.put("dtlsRole", n.dtlsRole());
        sig.put("localFingerprint", s.certificate().fingerprint());
        if (n.remoteSdp().fingerprint() != null) {
            sig.put("remoteFingerprint", n.remoteSdp().fingerprint());
        } else {
            sig.putNull("remoteFingerprint");
        }
        if (n.remoteSdp().mid() != null) {
            sig.put("mid", n.remoteSdp().mid());
        }
        if (peer != null) {
            ObjectNode p = peer.deepCopy();
            p.remove("type");
            doc.set("peer", p);
        } else {
            doc.putNull("peer");
        }
        return doc;
    }
}
