package dev.rtc.output;

import java.util.ArrayList;
import java.util.List;

/** Bytes as {@code tcpdump -xx -X} shows them: offset, eight groups of two bytes, then printable ASCII. */
public final class HexDump {
    private HexDump() {
    }

    public static List<String> lines(byte[] data, int length) {
        List<String> out = new ArrayList<>();
        for (int off = 0; off < length; off += 16) {
            StringBuilder hex = new StringBuilder();
            StringBuilder ascii = new StringBuilder();
            for (int i = off; i < Math.min(off + 16, length); i++) {
                if (i > off && (i - off) % 2 == 0) {
                    hex.append(' ');
                }
                hex.append(String.format("%02x", data[i] & 0xFF));
                int c = data[i] & 0xFF;
                ascii.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
            }
            while (hex.length() < 39) {
                hex.append(' ');
            }
            out.add(String.format("\t0x%04x:  %s  %s", off, hex, ascii));
        }
        return out;
    }
}
