package dev.rtc.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rtc.net.Addresses;
import dev.rtc.net.BindingProbe;
import dev.rtc.net.Durations;
import dev.rtc.net.IgnoredReply;
import dev.rtc.net.StunResponse;
import dev.rtc.output.Json;
import dev.rtc.output.StunDetail;
import dev.rtc.stun.AddressAttribute;
import dev.rtc.stun.Attribute;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.ChannelData;
import dev.rtc.stun.ErrorCode;
import dev.rtc.stun.StunMessage;
import dev.rtc.stun.Verification;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.Optional;

/** How {@code rtc stun} shows a transaction or a decoded message, as text for people or JSON for scripts. */
final class StunOutput {
    /** The result of checking a message's integrity with a key the user gave. */
    record IntegrityCheck(String attribute, String keyKind, byte[] key, Verification result) {
    }

    private final boolean json;

    StunOutput(boolean json) {
        this.json = json;
    }

    /** "420 Unknown Attribute", or "error response without ERROR-CODE". */
    static String errorText(StunMessage m) {
        return m.first(ErrorCode.class).map(e -> (e.code() + " " + e.reason()).strip())
                .orElse("an error response without ERROR-CODE");
    }

    /** The mapped address: XOR-MAPPED-ADDRESS, else MAPPED-ADDRESS (RFC 3489 servers). */
    static Optional<AddressAttribute> mapped(StunMessage m) {
        Optional<Attribute> a = m.first(AttributeType.XOR_MAPPED_ADDRESS);
        if (a.isEmpty()) {
            a = m.first(AttributeType.MAPPED_ADDRESS);
        }
        return a.filter(AddressAttribute.class::isInstance).map(AddressAttribute.class::cast);
    }

    void probe(PrintWriter out, String asked, BindingProbe.Result result, Optional<Verification> integrity,
            byte[] key) {
        StunResponse r = result.response();
        StunMessage m = r.message();
        Optional<AddressAttribute> mapped = mapped(m);
        if (json) {
            ObjectNode doc = Json.document("stun");
            doc.put("server", asked);
            doc.put("serverAddress", Addresses.format(result.server()));
            doc.put("transport", result.transport());
            doc.put("local", Addresses.format(result.sentFrom()));
            doc.put("receivedOn", Addresses.format(r.local()));
            doc.put("source", Addresses.format(r.source()));
            if (mapped.isPresent()) {
                doc.put("mappedAddress", Addresses.format(mapped.get().address()));
                doc.put("mappedFrom", mapped.get().type().name());
            } else {
                doc.putNull("mappedAddress");
            }
            if (r.rtt().isPresent()) {
                doc.put("rttMs", Durations.millis(r.rtt().get()));
            } else {
                doc.putNull("rttMs");
            }
            doc.put("rttUnambiguous", r.rtt().isPresent());
            doc.put("rttAmbiguity", r.ambiguity().orElse(null));
            if (r.answeredTransmission() == 0) {
                doc.putNull("answeredTransmission");
            } else {
                doc.put("answeredTransmission", r.answeredTransmission());
            }
            doc.put("sinceFirstMs", Durations.millis(r.sinceFirst()));
            doc.put("transmissions", r.transmissions());
            doc.put("retransmissions", r.retransmissions());
            result.connectTime().ifPresent(d -> doc.put("tcpConnectMs", Durations.millis(d)));
            result.handshakeTime().ifPresent(d -> doc.put("tlsHandshakeMs", Durations.millis(d)));
            result.cipherSuite().ifPresent(s -> doc.put("tlsCipherSuite", s));
            ArrayNode ignored = doc.putArray("ignoredReplies");
            for (IgnoredReply i : r.ignored()) {
                ignored.addObject().put("source", Addresses.format(i.source())).put("afterMs", Durations.millis(i.after()));
            }
            integrity.ifPresent(v -> doc.put("integrity", StunDetail.verdict(v)));
            doc.set("request", StunDetail.json(result.request(), key));
            doc.set("response", StunDetail.json(m, key));
            doc.put("requestHex", HexFormat.of().formatHex(result.request().raw()));
            doc.put("responseHex", HexFormat.of().formatHex(m.raw()));
            out.println(Json.pretty(doc));
            out.flush();
            return;
        }
        out.println(m.method() + " " + m.messageClass().label() + " from " + Addresses.format(r.source())
                + " over " + result.transport());
        row(out, "mapped address", mapped.map(a -> Addresses.format(a.address())
                + (a.address().equals(result.sentFrom()) ? " (the local address: no NAT on the way)"
                        : result.sentFrom().getAddress().isAnyLocalAddress() ? ""
                        : " (not the local address: a NAT or a relay on the way)"))
                .orElse("none in the answer"));
        row(out, "local address", Addresses.format(result.sentFrom()));
        if (!r.local().equals(result.sentFrom())) {
            row(out, "received on", Addresses.format(r.local()));
        }
        row(out, "answered from", Addresses.format(r.source()));
        row(out, "round trip", r.rtt().map(d -> Durations.format(d) + (r.transmissions() > 1
                        ? " (from transmission " + r.answeredTransmission() + ", by the echoed TRANSACTION-TRANSMIT-COUNTER)"
                        : ""))
                .orElseGet(() -> "ambiguous: " + r.ambiguity().orElseThrow() + " ("
                        + Durations.format(r.sinceFirst()) + " since the first)"));
        row(out, "transmissions", r.transmissions() + " (" + r.retransmissions()
                + (r.retransmissions() == 1 ? " retransmission)" : " retransmissions)"));
        result.connectTime().ifPresent(d -> row(out, "tcp connect", Durations.format(d)));
        result.handshakeTime().ifPresent(d -> row(out, "tls handshake", Durations.format(d)
                + result.cipherSuite().map(s -> " (" + s + ")").orElse("")));
        for (IgnoredReply i : r.ignored()) {
            row(out, "ignored", "a reply from " + Addresses.format(i.source()) + " after " + Durations.format(i.after())
                    + " (not the address asked)");
        }
        integrity.ifPresent(v -> row(out, "integrity", "MESSAGE-INTEGRITY " + StunDetail.verdict(v)));
        out.println();
        for (String line : StunDetail.lines(m, key)) {
            out.println(line);
        }
        out.flush();
    }

    void decoded(PrintWriter out, StunMessage m, Optional<IntegrityCheck> check) {
        if (json) {
            ObjectNode doc = Json.document("stun");
            doc.set("message", StunDetail.json(m, check.map(IntegrityCheck::key).orElse(null)));
            check.ifPresent(c -> doc.putObject("integrity").put("attribute", c.attribute()).put("key", c.keyKind())
                    .put("result", StunDetail.verdict(c.result())));
            out.println(Json.pretty(doc));
            out.flush();
            return;
        }
        for (String line : StunDetail.lines(m, check.map(IntegrityCheck::key).orElse(null))) {
            out.println(line);
        }
        check.ifPresent(c -> out.println(c.attribute() + " checked with the " + c.keyKind() + ": "
                + StunDetail.verdict(c.result())));
        out.flush();
    }

    void channelData(PrintWriter out, ChannelData cd, int size) {
        int padding = size - ChannelData.HEADER_LENGTH - cd.data().length;
        if (json) {
            ObjectNode doc = Json.document("stun");
            ObjectNode m = StunDetail.json(cd);
            m.put("padding", padding);
            doc.set("channelData", m);
            out.println(Json.pretty(doc));
            out.flush();
            return;
        }
        out.println("ChannelData" + (padding > 0 ? " (" + padding + " bytes of stream padding)" : ""));
        for (String line : StunDetail.lines(cd)) {
            out.println("    " + line);
        }
        out.flush();
    }

    private static void row(PrintWriter out, String name, String value) {
        out.println(String.format("  %-16s %s", name, value));
    }
}
