package dev.rtc.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtc.testing.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What rtc reads in the capture of a Chromium call (media/chromium-call.html) against what the browser itself
 * counted ({@code getStats}, read by the page after both ends stopped sending, kept as JSON next to the capture):
 * the RTP packets of every SSRC on every leg, the DTLS 1.3 handshake and its unified-header records, RTCP, and for
 * the one-way call the stopped stream ending while the others go on. The capture runs from before the page loads
 * until after it closed both ends, so no packet counted by the browser is outside it and the counts are exact.
 */
final class ChromiumCallCheck {
    /** One row of {@code -z rtp,streams}. */
    record Stream(double start, double end, int srcPort, int dstPort, long ssrc, int packets) {
    }

    private final Path pcap;
    private final JsonNode report;
    private final List<Stream> streams;

    /** RTP packets (by "SSRC srcport>dstport") in TCP segments sent again, see {@link #tcpRetransmissions}. */
    private final Map<String, Integer> retransmitted;

    ChromiumCallCheck(Path pcap, JsonNode report) {
        this.pcap = pcap;
        this.report = report;
        assertThat(report.has("error")).as(report.toString()).isFalse();
        this.streams = streams(pcap);
        this.retransmitted = tcpRetransmissions();
    }

    /**
     * The RTP inside TCP segments whose bytes were all sent before on the same connection and direction: a
     * retransmission, which a loopback capture holds twice when the receiver could not take the first copy (capture
     * sees a segment as it is sent). The browser counted each packet once, and rtc, which does not track TCP
     * sequence numbers, dissects both copies; so the TURN TCP legs' counts leave these out.
     */
    private Map<String, Integer> tcpRetransmissions() {
        Map<String, Integer> out = new HashMap<>();
        Map<String, Long> sent = new HashMap<>();
        for (String line : fields("tcp.len > 0", "tcp.stream", "tcp.srcport", "tcp.dstport", "tcp.nxtseq",
                "rtp.ssrc")) {
            String[] t = line.split("\t", -1);
            String direction = t[0] + " " + t[1];
            long next = Long.parseLong(t[3]);
            Long before = sent.get(direction);
            if (before != null && next <= before) {
                for (String ssrc : t[4].split(",")) {
                    if (!ssrc.isBlank()) {
                        out.merge(Long.decode(ssrc.trim()) + " " + t[1] + ">" + t[2], 1, Integer::sum);
                    }
                }
            } else {
                sent.put(direction, next);
            }
        }
        return out;
    }

    static List<Stream> streams(Path pcap) {
        CliRun r = CliRun.run("capture", "-r", pcap.toString(), "-q", "-z", "rtp,streams");
        assertThat(r.exit()).as(r.toString()).isZero();
        List<Stream> out = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            String[] t = line.trim().split("\\s+");
            if (t.length > 8 && t[6].startsWith("0x") && t[0].matches("[0-9.]+")) {
                out.add(new Stream(Double.parseDouble(t[0]), Double.parseDouble(t[1]), Integer.parseInt(t[3]),
                        Integer.parseInt(t[5]), Long.parseLong(t[6].substring(2), 16), Integer.parseInt(t[8])));
            }
        }
        return out;
    }

    int frames(String filter) {
        CliRun r = CliRun.run("capture", "-r", pcap.toString(), "-q", filter);
        assertThat(r.exit()).as(r.toString()).isZero();
        String last = r.out().lines().reduce((a, b) -> b).orElse("");
        assertThat(last).as(filter).matches("\\d+ of \\d+ frames matched");
        return Integer.parseInt(last.substring(0, last.indexOf(' ')));
    }

    List<String> fields(String filter, String... fields) {
        List<String> args = new ArrayList<>(List.of("capture", "-r", pcap.toString(), "-T", "fields"));
        for (String f : fields) {
            args.add("-e");
            args.add(f);
        }
        args.add(filter);
        CliRun r = CliRun.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.out().lines().filter(l -> !l.endsWith("frames matched")).toList();
    }

    boolean relayed() {
        return report.path("a").path("pair").path("local").path("type").asText().equals("relay");
    }

    /**
     * Every stream the browser sent is in the capture with the browser's packetsSent on each leg (direct: one;
     * relayed: into coturn, between its relay ports, out of coturn), counting the video's RTX SSRC with it as
     * Chromium's packetsSent does (its bandwidth probes are RTX padding); the receiving end counted the same.
     */
    void rtpCountsAreTheBrowsers() {
        Set<Long> known = new HashSet<>();
        for (String end : List.of("a", "b")) {
            JsonNode self = report.path(end);
            JsonNode peer = report.path(end.equals("a") ? "b" : "a");
            for (JsonNode out : self.path("outbound")) {
                long ssrc = out.path("ssrc").asLong();
                Set<Long> ssrcs = new HashSet<>(List.of(ssrc));
                if (!out.path("rtxSsrc").isNull()) {
                    ssrcs.add(out.path("rtxSsrc").asLong());
                }
                known.addAll(ssrcs);
                Map<String, Integer> legs = new HashMap<>();
                streams.stream().filter(s -> ssrcs.contains(s.ssrc()))
                        .forEach(s -> legs.merge(s.srcPort() + ">" + s.dstPort(), s.packets(), Integer::sum));
                for (long x : ssrcs) {
                    retransmitted.forEach((k, n) -> {
                        if (k.startsWith(x + " ")) {
                            legs.merge(k.substring(k.indexOf(' ') + 1), -n, Integer::sum);
                        }
                    });
                }
                String what = end + " " + out.path("kind").asText() + " 0x" + Long.toHexString(ssrc) + " " + legs
                        + (retransmitted.isEmpty() ? "" : ", TCP sent again: " + retransmitted);
                assertThat(legs).as(what).hasSize(relayed() ? 3 : 1);
                int sent = out.path("packetsSent").asInt();
                assertThat(sent).as(what).isPositive();
                assertThat(legs.values()).as(what).containsOnly(sent);
                JsonNode in = inbound(peer, ssrc);
                assertThat(in.path("packetsReceived").asInt()).as(what).isEqualTo(sent);
                int from = self.path("pair").path("local").path("port").asInt();
                int to = relayed() ? peer.path("pair").path("local").path("port").asInt()
                        : self.path("pair").path("remote").path("port").asInt();
                assertThat(legs).as(what + ": the selected pair's leg").containsKey(from + ">" + to);
                if (relayed()) {
                    assertThat(legs.keySet()).as(what).anyMatch(k -> k.endsWith(">3478"))
                            .anyMatch(k -> k.startsWith("3478>"));
                }
            }
        }
        assertThat(streams).as("every RTP stream in the capture is one the browser counted").isNotEmpty()
                .allMatch(s -> known.contains(s.ssrc()));
    }

    private static JsonNode inbound(JsonNode end, long ssrc) {
        for (JsonNode in : end.path("inbound")) {
            if (in.path("ssrc").asLong() == ssrc) {
                return in;
            }
        }
        throw new AssertionError("no inbound-rtp for 0x" + Long.toHexString(ssrc) + " at " + end.path("name"));
    }

    /**
     * Chromium negotiated DTLS 1.3 (getStats' tlsVersion FEFC): rtc reads the ServerHello's supported_versions,
     * the ClientHello fragmented across records, and the encrypted records in RFC 9147's unified header.
     */
    void dtls13IsRead() {
        for (String end : List.of("a", "b")) {
            JsonNode t = report.path(end).path("transport");
            assertThat(t.path("tlsVersion").asText()).isEqualTo("FEFC");
            assertThat(t.path("dtlsState").asText()).isEqualTo("connected");
        }
        assertThat(frames("dtls.handshake.type == 2 && dtls.handshake.extensions.supported_version == 0xfefc"))
                .as("ServerHello choosing DTLS 1.3").isGreaterThanOrEqualTo(1);
        assertThat(frames("dtls.handshake.type == 1 && dtls.handshake.fragment_offset > 0"))
                .as("a ClientHello's later fragment").isGreaterThanOrEqualTo(1);
        // unified header: no content type on the wire, epoch 2 (handshake) and 3 (application) records
        assertThat(fields("dtls && !dtls.record.content_type", "dtls.record.epoch")).as("unified-header records")
                .contains("2", "3");
    }

    /**
     * Both ends send RTCP, found by rtc on the media's 5-tuple (tshark's RTCP heuristic never finds it), and all of
     * it is SRTCP although the DTLS 1.3 handshake carries the chosen SRTP profile in its encrypted extensions: every
     * packet is encrypted (E set), its first header, clear, names one sender SSRC of the sending end (and no second
     * packet is read out of the ciphertext), and each sender's SRTCP indices make one unbroken run.
     * Chromium chose SRTP_AES128_CM_HMAC_SHA1_80 (getStats' srtpCipher), which rtc reads from the packets' lengths: the
     * 10-byte tag after the index.
     */
    void rtcpIsRead() {
        assertThat(report.path("a").path("transport").path("srtpCipher").asText())
                .isEqualTo("SRTP_AES128_CM_HMAC_SHA1_80");
        assertThat(frames("rtcp")).isPositive();
        assertThat(frames("rtcp && !(srtcp.e == 1)")).as("RTCP that is not encrypted SRTCP").isZero();
        List<String> rows = fields("rtcp", "rtcp.senderssrc", "srtcp.index", "srtcp.auth_tag");
        Map<String, TreeSet<Long>> indices = new HashMap<>();
        for (String row : rows) {
            // a TURN TCP segment may carry two ChannelData messages, each with its SRTCP packet
            String[] cells = row.split("\t", -1);
            String[] ssrcs = cells[0].split(",");
            String[] index = cells[1].split(",");
            String[] tags = cells[2].split(",");
            assertThat(ssrcs).as("one sender SSRC per SRTCP packet: " + row).hasSameSizeAs(index).hasSameSizeAs(tags);
            for (int i = 0; i < ssrcs.length; i++) {
                assertThat(tags[i]).as("a 10-byte tag: " + row).hasSize(20);
                indices.computeIfAbsent(ssrcs[i], k -> new TreeSet<>()).add(Long.parseLong(index[i]));
            }
        }
        // a relayed packet shows on each leg with the same index; together they are one unbroken run per sender
        indices.forEach((ssrc, seen) -> assertThat(seen.last() - seen.first() + 1).as("SRTCP indices of " + ssrc)
                .isEqualTo(seen.size()));
        for (String end : List.of("a", "b")) {
            List<String> senders = new ArrayList<>();
            report.path(end).path("outbound")
                    .forEach(o -> senders.add(String.format("0x%08x", o.path("ssrc").asLong())));
            assertThat(indices.keySet()).as(end + "'s RTCP, sent by one of " + senders)
                    .anyMatch(senders::contains);
        }
    }

    /**
     * Direct calls: getStats' transport packetsSent (every RTP, RTCP and DTLS datagram, not the ICE checks) is the
     * number of those datagrams each end sent in the capture, but for the last: DTLS close_notify, sent when the page
     * closed the connection after reading its stats.
     */
    void transportCountsAreTheBrowsers() {
        for (String end : List.of("a", "b")) {
            JsonNode self = report.path(end);
            int port = self.path("pair").path("local").path("port").asInt();
            String mine = "udp.srcport == " + port + " && !stun && !icmp"; // not the port unreachable quoting it
            int sent = self.path("transport").path("packetsSent").asInt();
            assertThat(frames(mine)).as(end).isEqualTo(sent + 1);
            assertThat(frames(mine + " && (rtp || rtcp || dtls)")).as(end + ": each one RTP, RTCP or DTLS")
                    .isEqualTo(sent + 1);
            List<String> last = fields(mine, "dtls.record.epoch");
            assertThat(last.get(last.size() - 1)).as(end + "'s last datagram: the alert in epoch 3").isEqualTo("3");
        }
    }

    /** Relayed calls: the media goes through coturn over the transport the page asked for. */
    void relayedOver(String transport) {
        assertThat(report.path("a").path("pair").path("local").path("relayProtocol").asText()).isEqualTo(transport);
        String other = transport.equals("tcp") ? "udp" : "tcp";
        assertThat(frames(transport + ".port == 3478 && stun && rtp")).isPositive();
        assertThat(frames(other + ".port == 3478")).isZero();
    }

    /**
     * The one-way call: A's audio was stopped halfway; its stream ends in the capture while B's audio and A's video
     * go on to the end of the call (by at least a third of the call, with room for the page's timers).
     */
    void stoppedStreamEnds() {
        JsonNode a = report.path("a");
        JsonNode b = report.path("b");
        double call = report.path("ms").asDouble() / 1000;
        double stopped = lastPacket(outbound(a, "audio"));
        double audio = lastPacket(outbound(b, "audio"));
        double video = lastPacket(outbound(a, "video"));
        assertThat(audio - stopped).as("B's audio after A's stopped").isGreaterThan(call / 3);
        assertThat(video - stopped).as("A's video after its audio stopped").isGreaterThan(call / 3);
        assertThat(outbound(a, "audio").path("packetsSent").asInt())
                .isLessThan(outbound(b, "audio").path("packetsSent").asInt() * 3 / 4);
    }

    private double lastPacket(JsonNode out) {
        long ssrc = out.path("ssrc").asLong();
        return streams.stream().filter(s -> s.ssrc() == ssrc).mapToDouble(Stream::end).max().orElseThrow();
    }

    private static JsonNode outbound(JsonNode end, String kind) {
        for (JsonNode o : end.path("outbound")) {
            if (o.path("kind").asText().equals(kind)) {
                return o;
            }
        }
        throw new AssertionError("no " + kind + " outbound-rtp at " + end.path("name"));
    }

    /** Every check that applies to the call the report describes. */
    void all() {
        rtpCountsAreTheBrowsers();
        dtls13IsRead();
        rtcpIsRead();
        String mode = report.path("mode").asText();
        switch (mode) {
            case "direct", "one-way" -> transportCountsAreTheBrowsers();
            case "turn-udp" -> relayedOver("udp");
            case "turn-tcp" -> relayedOver("tcp");
            default -> throw new AssertionError("unknown mode '" + mode + "'");
        }
        if (mode.equals("one-way")) {
            stoppedStreamEnds();
        }
    }
}
