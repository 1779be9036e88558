package dev.rtc.output;

import static dev.rtc.dissect.Fields.*;

import dev.rtc.dissect.FieldText;
import dev.rtc.dissect.Frame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code -z rtp,streams}: one row per RTP stream (source and destination address and port, SSRC) over the frames
 * that passed the filter, laid out and computed as tshark 4.0's table: packets, lost (expected from the extended
 * sequence numbers, less those received), the delta between arrivals, and RFC 3550's interarrival jitter
 * (section 6.4.1, in milliseconds) where the payload type's clock rate is known from RFC 3551.
 */
public final class RtpStreams {
    /** The fields {@link #add} reads. */
    public static final Set<Integer> FIELDS = Set.of(RTP_SSRC.id(), RTP_P_TYPE.id(), RTP_EXTSEQ.id(),
            RTP_TIMESTAMP.id(), IP_SRC.id(), IP_DST.id(), IPV6_SRC.id(), IPV6_DST.id(), UDP_SRCPORT.id(),
            UDP_DSTPORT.id(), FRAME_TIME_RELATIVE.id(), RTP_MARKER.id(), RTP_CC.id(), RTP_CSRC_ITEM.id(), RTP_EXT.id(),
            RTP_EXT_LEN.id(), TCP_SRCPORT.id(), TCP_DSTPORT.id(), STUN.id());

    /** What follows tshark's columns on the row of a stream carried inside TURN. */
    public static final String RELAYED = "relayed";

    private final Map<String, Stream> streams = new LinkedHashMap<>();

    private static final class Stream {
        String src;
        String dst;
        long srcPort;
        long dstPort;
        long ssrc;
        long firstPayloadType;
        long payloadType;
        long startRelative;
        long endRelative;
        long packets;
        long firstSeq;
        long maxSeq;
        long lastSeq;
        /** Arrival (ms since the capture's first frame) and RTP timestamp of the last packet in time order. */
        double lastTime;
        long lastTimestamp;
        boolean problem;
        /** Carried inside TURN (ChannelData or a Send/Data indication) on this 5-tuple. */
        boolean relayed;
        double delta;
        double minDelta = -1;
        double maxDelta;
        double meanDelta;
        double jitter;
        double minJitter = -1;
        double maxJitter;
        double meanJitter;
    }

    /**
     * Adds an RTP packet. Delta and jitter are updated for every packet; the minimum, mean and maximum only for
     * regular ones (not a stream's first packet, not a marked one, which starts a talkspurt, not comfort noise or a
     * packet earlier in RTP time), the mean weighted by all packets so far, as tshark 4.0 reports them.
     */
    public void add(Frame f) {
        // over TURN TCP one segment may carry several RTP packets, each in its ChannelData
        int packets = Math.min(f.count(RTP_SSRC.id()), f.count(RTP_EXTSEQ.id()));
        if (packets == 0) {
            return;
        }
        // like tshark, only packets whose header was captured up to the extension's length count
        long csrcs = 0;
        long extensions = 0;
        for (int k = 0; k < f.count(RTP_CC.id()); k++) {
            csrcs += f.getLong(RTP_CC.id(), k);
            extensions += f.getLong(RTP_EXT.id(), k);
        }
        if (f.count(RTP_CSRC_ITEM.id()) < csrcs || f.count(RTP_EXT_LEN.id()) < extensions) {
            return;
        }
        boolean udp = f.count(UDP_SRCPORT.id()) > 0;
        if (!udp && f.count(TCP_SRCPORT.id()) == 0) {
            return;
        }
        boolean v4 = f.count(IP_SRC.id()) > 0;
        if (!v4 && f.count(IPV6_SRC.id()) == 0) {
            return;
        }
        for (int k = 0; k < packets; k++) {
            add(f, k, v4, udp);
        }
    }

    /** The frame's k-th RTP packet. */
    private void add(Frame f, int k, boolean v4, boolean udp) {
        String src = f.getString(v4 ? IP_SRC.id() : IPV6_SRC.id(), 0);
        String dst = f.getString(v4 ? IP_DST.id() : IPV6_DST.id(), 0);
        long srcPort = f.getLong(udp ? UDP_SRCPORT.id() : TCP_SRCPORT.id(), 0);
        long dstPort = f.getLong(udp ? UDP_DSTPORT.id() : TCP_DSTPORT.id(), 0);
        long ssrc = f.getLong(RTP_SSRC.id(), k);
        long seq = f.getLong(RTP_EXTSEQ.id(), k);
        long pt = f.getLong(RTP_P_TYPE.id(), k);
        boolean marker = f.count(RTP_MARKER.id()) > k && f.getLong(RTP_MARKER.id(), k) != 0;
        long timestamp = f.count(RTP_TIMESTAMP.id()) > k ? f.getLong(RTP_TIMESTAMP.id(), k) : 0;
        long relative = f.count(FRAME_TIME_RELATIVE.id()) > 0 ? f.getLong(FRAME_TIME_RELATIVE.id(), 0) : 0;
        boolean relayed = f.count(STUN.id()) > 0;
        double now = relative / 1_000_000_000L * 1000.0 + (relative % 1_000_000_000L) / 1e6;
        String key = src + " " + srcPort + " " + dst + " " + dstPort + " " + ssrc;
        Stream s = streams.get(key);
        if (s == null) {
            s = new Stream();
            s.src = src;
            s.dst = dst;
            s.srcPort = srcPort;
            s.dstPort = dstPort;
            s.ssrc = ssrc;
            s.firstPayloadType = pt;
            s.payloadType = pt;
            s.startRelative = relative;
            s.firstSeq = seq;
            s.maxSeq = seq;
            s.lastSeq = seq;
            s.lastTime = now;
            s.lastTimestamp = timestamp;
            s.endRelative = relative;
            s.packets = 1;
            s.relayed = relayed;
            streams.put(key, s);
            return;
        }
        s.relayed |= relayed;
        boolean inTime = (int) (timestamp - s.lastTimestamp) >= 0;
        if (!inTime || (seq != s.lastSeq + 1 && seq > s.lastSeq + 1) || seq <= s.lastSeq) {
            s.problem = true;
        }
        boolean comfortNoise = pt == 13 || pt == 19 || s.payloadType == 13 || s.payloadType == 19;
        s.payloadType = pt;
        int clock = clockRate(pt);
        s.delta = now - s.lastTime;
        double jitterNow = s.jitter;
        if (clock != 0) {
            double expected = s.lastTime + (int) (timestamp - s.lastTimestamp) / (double) (clock / 1000);
            jitterNow = (15 * s.jitter + Math.abs(now - expected)) / 16;
            s.jitter = jitterNow;
        }
        if (!marker && !comfortNoise && inTime) {
            s.maxDelta = Math.max(s.maxDelta, s.delta);
            s.minDelta = s.minDelta < 0 ? s.delta : Math.min(s.minDelta, s.delta);
            s.meanDelta = (s.meanDelta * (s.packets - 1) + s.delta) / s.packets;
            if (clock != 0) {
                s.maxJitter = Math.max(s.maxJitter, s.jitter);
                s.meanJitter = (s.meanJitter * (s.packets - 1) + jitterNow) / s.packets;
                s.minJitter = s.minJitter < 0 ? s.jitter : Math.min(s.minJitter, s.jitter);
            }
        }
        if (inTime) {
            s.lastTime = now;
            s.lastTimestamp = timestamp;
        }
        s.lastSeq = Math.max(s.lastSeq, seq);
        s.maxSeq = Math.max(s.maxSeq, seq);
        s.firstSeq = Math.min(s.firstSeq, seq);
        s.packets++;
        s.endRelative = relative;
    }

    /**
     * The table as tshark prints it, the most recently started stream first; a stream carried inside TURN (between a
     * TURN client and its server, in ChannelData or Send/Data indications) has "relayed" after tshark's columns.
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("========================= RTP Streams ========================");
        out.add("   Start time      End time     Src IP addr  Port    Dest IP addr  Port       SSRC          Payload"
                + "  Pkts         Lost   Min Delta(ms)  Mean Delta(ms)   Max Delta(ms)  Min Jitter(ms) Mean Jitter(ms)"
                + "  Max Jitter(ms) Problems?");
        List<Stream> all = new ArrayList<>(streams.values());
        for (int i = all.size() - 1; i >= 0; i--) {
            Stream s = all.get(i);
            long expected = s.maxSeq - s.firstSeq + 1;
            long lost = expected - s.packets;
            double lostPercent = expected > 0 ? lost * 100.0 / expected : 0;
            out.add(String.format(Locale.ROOT, "%13s %13s %15s %5d %15s %5d 0x%08X %16s %5d %5d (%.1f%%) %15.3f"
                            + " %15.3f %15.3f %15.3f %15.3f %15.3f %s",
                    seconds(s.startRelative), seconds(s.endRelative), s.src, s.srcPort, s.dst, s.dstPort, s.ssrc,
                    payloadName(s.firstPayloadType), s.packets, lost, lostPercent, s.minDelta, s.meanDelta,
                    s.maxDelta, s.minJitter, s.meanJitter, s.maxJitter, s.problem ? "X" : "")
                    + (s.relayed ? " " + RELAYED : ""));
        }
        out.add("==============================================================");
        return out;
    }

    private static String seconds(long nanos) {
        String r = FieldText.relative(nanos);
        return r.substring(0, r.length() - 3);
    }

    /** RFC 3551's clock rates of the static payload types (section 6), 0 for dynamic and unknown ones. */
    static int clockRate(long pt) {
        return switch ((int) pt) {
            case 0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 15, 18, 19 -> 8000;
            case 6 -> 16000;
            case 10, 11 -> 44100;
            case 16 -> 11025;
            case 17 -> 22050;
            case 14, 25, 26, 28, 31, 32, 33, 34 -> 90000;
            default -> 0;
        };
    }

    /** The payload type's short name in tshark's stream table. */
    static String payloadName(long pt) {
        return switch ((int) pt) {
            case 0 -> "g711U";
            case 1 -> "fs-1016";
            case 2 -> "g721";
            case 3 -> "GSM";
            case 4 -> "g723";
            case 5 -> "DVI4 8k";
            case 6 -> "DVI4 16k";
            case 7 -> "Exp. from Xerox PARC";
            case 8 -> "g711A";
            case 9 -> "g722";
            case 10 -> "16-bit audio, stereo";
            case 11 -> "16-bit audio, monaural";
            case 12 -> "Qualcomm";
            case 13 -> "CN";
            case 14 -> "MPEG-I/II Audio";
            case 15 -> "g728";
            case 16 -> "DVI4 11k";
            case 17 -> "DVI4 22k";
            case 18 -> "g729";
            case 19 -> "CN(old)";
            case 25 -> "CellB";
            case 26 -> "JPEG";
            case 28 -> "NV";
            case 31 -> "h261";
            case 32 -> "MPEG-I/II Video";
            case 33 -> "MPEG-II streams";
            case 34 -> "h263";
            default -> "RTPType-" + pt;
        };
    }
}
