package dev.rtc.output;

import static dev.rtc.dissect.Fields.*;

import dev.rtc.dissect.Field;
import dev.rtc.dissect.FieldType;
import dev.rtc.dissect.Frame;
import dev.rtc.stun.ChannelData;
import dev.rtc.stun.StunMessage;
import dev.rtc.stun.StunParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The packet-details tree of a frame, as Wireshark's middle pane shows it: one heading per protocol layer, then
 * its fields by Wireshark's descriptions, STUN attributes each with their own values indented below them.
 */
public final class FrameDetail {
    private FrameDetail() {
    }

    public static List<String> lines(Frame f) {
        List<String> out = new ArrayList<>();
        int n = f.occurrences();
        boolean inAttribute = false;
        // what TURN relays (ChannelData's data, a DATA attribute) is a layer nested in the STUN layer that carries
        // it: the bytes [relayFrom, relayTo) of the last outer STUN layer, its lines indented from nestedFrom on
        int relayFrom = -1;
        int relayTo = -1;
        int nestedFrom = -1;
        for (int i = 0; i < n; i++) {
            Field field = f.fieldAt(i);
            if (field.type() == FieldType.PROTOCOL) {
                inAttribute = false;
                if (field == ETHERTYPE) {
                    continue;
                }
                int off = f.offsetAt(i);
                boolean nested = off > relayFrom && off < relayTo && field != FRAME;
                if (!nested) {
                    indent(out, nestedFrom);
                    nestedFrom = -1;
                    if (field == STUN) {
                        relayFrom = off;
                        relayTo = (int) f.longAt(i);
                    }
                } else if (nestedFrom < 0) {
                    nestedFrom = out.size();
                }
                out.add(heading(f, field, i));
                String note = f.noteAt(i);
                if (note != null) {
                    out.add("    [Decoded as " + field.columnName() + " by: " + note + "]");
                }
                if (field == STUN || field == CLASSICSTUN) {
                    int next = stun(f, i, out);
                    if (next > i) {
                        i = next - 1;
                    }
                }
                continue;
            }
            if (field == FRAME_PROTOCOLS) {
                out.add("    [Protocols in frame: " + f.textAt(i) + "]");
                continue;
            }
            if (field == STUN_ATTRIBUTES || field == CLASSICSTUN_ATT) {
                out.add("    Attributes");
                continue;
            }
            if (field == STUN_ATTRIBUTE) {
                inAttribute = true;
                out.add("        " + attributeName((int) f.longAt(i)));
                continue;
            }
            if (field == CLASSICSTUN_ATT_TYPE) {
                inAttribute = true;
                out.add("        " + attributeName((int) f.longAt(i)));
            }
            boolean nested = inAttribute && (field.name().startsWith("stun.att.")
                    || field.name().startsWith("classicstun.att."));
            out.add((nested ? "            " : "    ") + label(field) + ": " + value(f, field, i));
        }
        indent(out, nestedFrom);
        return out;
    }

    /** Indents the lines from {@code from} on (none when it is negative) as a layer inside the one above. */
    private static void indent(List<String> out, int from) {
        if (from < 0) {
            return;
        }
        for (int k = from; k < out.size(); k++) {
            out.set(k, "    " + out.get(k));
        }
    }

    /**
     * A STUN message or ChannelData rendered by {@link StunDetail} (the codec's tree: attributes decoded,
     * FINGERPRINT checked), after the request/response lines only the capture knows. Returns the index of the
     * first value after this message's fields, or -1 when the codec refuses the bytes (the field tree is shown).
     */
    private static int stun(Frame f, int i, List<String> out) {
        int off = f.offsetAt(i);
        int len = f.lengthAt(i);
        if (off < 0) {
            return -1;
        }
        byte[] d = f.data();
        List<String> lines = new ArrayList<>();
        if (i + 1 < f.occurrences() && f.fieldAt(i + 1) == STUN_TCP_FRAME_LENGTH) {
            // RFC 4571 framing: the item starts at the two-byte length before the message
            lines.add("TCP Frame Length: " + f.textAt(i + 1));
            off += 2;
            len -= 2;
        }
        try {
            int first = d[off] & 0xFF;
            if (first >= 0x40 && first < 0x80) {
                // the item covers ChannelData's header; the message is the header and the data it announces
                len = 4 + (((d[off + 2] & 0xFF) << 8) | (d[off + 3] & 0xFF));
                lines.addAll(StunDetail.lines(ChannelData.decode(d, off, len)));
            } else {
                lines.addAll(StunDetail.lines(StunMessage.decode(d, off, len)));
            }
        } catch (StunParseException e) {
            out.add("    [Malformed: " + e.getMessage() + "]");
            return -1;
        }
        int k = i + 1;
        int n = f.occurrences();
        for (; k < n; k++) {
            Field field = f.fieldAt(k);
            if (field.isProtocol()) {
                break;
            }
            if (field == STUN_RESPONSE_TO || field == CLASSICSTUN_RESPONSE_TO) {
                out.add("    [Request In: " + f.textAt(k) + "]");
            } else if (field == STUN_TIME || field == CLASSICSTUN_TIME) {
                out.add("    [Time: " + f.textAt(k) + " seconds]");
            }
        }
        for (String line : lines) {
            out.add("    " + line);
        }
        return k;
    }

    private static String heading(Frame f, Field protocol, int i) {
        if (protocol == FRAME) {
            return String.format("Frame %d: %d bytes on wire (%d bits), %d bytes captured (%d bits)", f.number(),
                    f.wireLength(), f.wireLength() * 8L, f.capturedLength(), f.capturedLength() * 8L);
        }
        return protocol.description();
    }

    private static String label(Field field) {
        return field.description().isEmpty() ? field.name() : field.description();
    }

    private static String value(Frame f, Field field, int i) {
        if (field.type() == FieldType.NONE && f.lengthAt(i) > 0) {
            return f.lengthAt(i) + " bytes"; // a label over bytes, such as SRTCP's encrypted payload
        }
        String text = f.textAt(i);
        if (field == STUN_TYPE || field == CLASSICSTUN_TYPE) {
            long type = f.longAt(i);
            return text + " (" + StunInfo.methodName(type & 0x3EEF) + " "
                    + StunInfo.className((int) ((type & 0x0110) >> 4)) + ")";
        }
        if (field == STUN_ATT_TYPE || field == CLASSICSTUN_ATT_TYPE) {
            return text + " (" + attributeName((int) f.longAt(i)) + ")";
        }
        String name = field.valueNames().get(f.longAt(i));
        if (field.type().numeric() && name != null) {
            return name + " (" + text + ")";
        }
        if (field == STUN_ATT_CRC32_STATUS || field == STUN_ATT_CHANGE_IP || field == STUN_ATT_CHANGE_PORT) {
            return text;
        }
        if (field.type() == FieldType.RELATIVE_TIME) {
            return text + " seconds";
        }
        return text;
    }

    /** STUN attribute names (RFC 8489, 8656, 5780, 8445 registries). */
    public static String attributeName(int type) {
        return switch (type) {
            case 0x0001 -> "MAPPED-ADDRESS";
            case 0x0002 -> "RESPONSE-ADDRESS";
            case 0x0003 -> "CHANGE-REQUEST";
            case 0x0004 -> "SOURCE-ADDRESS";
            case 0x0005 -> "CHANGED-ADDRESS";
            case 0x0006 -> "USERNAME";
            case 0x0007 -> "PASSWORD";
            case 0x0008 -> "MESSAGE-INTEGRITY";
            case 0x0009 -> "ERROR-CODE";
            case 0x000A -> "UNKNOWN-ATTRIBUTES";
            case 0x000B -> "REFLECTED-FROM";
            case 0x000C -> "CHANNEL-NUMBER";
            case 0x000D -> "LIFETIME";
            case 0x0012 -> "XOR-PEER-ADDRESS";
            case 0x0013 -> "DATA";
            case 0x0014 -> "REALM";
            case 0x0015 -> "NONCE";
            case 0x0016 -> "XOR-RELAYED-ADDRESS";
            case 0x0017 -> "REQUESTED-ADDRESS-FAMILY";
            case 0x0018 -> "EVEN-PORT";
            case 0x0019 -> "REQUESTED-TRANSPORT";
            case 0x001A -> "DONT-FRAGMENT";
            case 0x001C -> "MESSAGE-INTEGRITY-SHA256";
            case 0x001D -> "PASSWORD-ALGORITHM";
            case 0x001E -> "USERHASH";
            case 0x0020 -> "XOR-MAPPED-ADDRESS";
            case 0x0022 -> "RESERVATION-TOKEN";
            case 0x0024 -> "PRIORITY";
            case 0x0025 -> "USE-CANDIDATE";
            case 0x0026 -> "PADDING";
            case 0x0027 -> "RESPONSE-PORT";
            case 0x002A -> "CONNECTION-ID";
            case 0x8000 -> "ADDITIONAL-ADDRESS-FAMILY";
            case 0x8001 -> "ADDRESS-ERROR-CODE";
            case 0x8002 -> "PASSWORD-ALGORITHMS";
            case 0x8003 -> "ALTERNATE-DOMAIN";
            case 0x8004 -> "ICMP";
            case 0x8022 -> "SOFTWARE";
            case 0x8023 -> "ALTERNATE-SERVER";
            case 0x8027 -> "CACHE-TIMEOUT";
            case 0x8028 -> "FINGERPRINT";
            case 0x8029 -> "ICE-CONTROLLED";
            case 0x802A -> "ICE-CONTROLLING";
            case 0x802B -> "RESPONSE-ORIGIN";
            case 0x802C -> "OTHER-ADDRESS";
            default -> String.format("0x%04x", type);
        };
    }
}
