package dev.rtc.output;

import static dev.rtc.dissect.Fields.*;

import dev.rtc.dissect.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code -z stun}: STUN messages counted per method and class over the frames that passed the filter, with the
 * request-to-response times (from {@code stun.time}) of the responses: count, min, average, max in milliseconds.
 */
public final class StunStatistics {
    private final Map<Long, long[]> counts = new TreeMap<>();
    private final Map<Long, double[]> rtts = new TreeMap<>();
    private long channelData;

    public void add(Frame f) {
        int n = f.occurrences();
        long type = -1;
        for (int i = 0; i < n; i++) {
            var field = f.fieldAt(i);
            if (field == STUN_TYPE) {
                type = f.longAt(i);
                counts.computeIfAbsent(type, k -> new long[1])[0]++;
            } else if (field == STUN_TIME) {
                // stun.time precedes stun.type in the frame: remember it for the type that follows
                double ms = f.longAt(i) / 1e6;
                int k = i + 1;
                while (k < n && f.fieldAt(k) != STUN_TYPE) {
                    k++;
                }
                if (k < n) {
                    double[] r = rtts.computeIfAbsent(f.longAt(k), x -> new double[] {0, Double.MAX_VALUE, 0, 0});
                    r[0]++;
                    r[1] = Math.min(r[1], ms);
                    r[2] = Math.max(r[2], ms);
                    r[3] += ms;
                }
            } else if (field == STUN_CHANNEL) {
                channelData++;
            }
        }
    }

    public List<String> lines() {
        Table t = new Table("METHOD", "CLASS", "MESSAGES", "RTT MIN ms", "RTT AVG ms", "RTT MAX ms")
                .alignRight(2, 3, 4, 5);
        for (Map.Entry<Long, long[]> e : counts.entrySet()) {
            long type = e.getKey();
            double[] r = rtts.get(type);
            String min = r == null ? "" : String.format("%.3f", r[1]);
            String avg = r == null ? "" : String.format("%.3f", r[3] / r[0]);
            String max = r == null ? "" : String.format("%.3f", r[2]);
            t.row(StunInfo.methodName(type & 0x3EEF), StunInfo.className((int) ((type & 0x0110) >> 4)),
                    e.getValue()[0], min, avg, max);
        }
        if (channelData > 0) {
            t.row("ChannelData", "", channelData, "", "", "");
        }
        List<String> out = new ArrayList<>();
        out.add("STUN statistics");
        if (t.isEmpty()) {
            out.add("no STUN messages");
        } else {
            out.addAll(t.lines());
        }
        return out;
    }
}
