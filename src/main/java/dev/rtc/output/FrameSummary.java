package dev.rtc.output;

import static dev.rtc.dissect.Fields.*;

import dev.rtc.dissect.Field;
import dev.rtc.dissect.FieldText;
import dev.rtc.dissect.Frame;

/**
 * The one-line summary of a frame, laid out as tshark's default columns: number, seconds since the first frame,
 * source, destination, protocol, length and an info text (for STUN: method, class, transaction id and the
 * attributes that matter: mapped and relayed addresses, error code and reason, lifetime, channel; for TLS and
 * DTLS: the records' handshake messages and alerts).
 */
public final class FrameSummary {
    private FrameSummary() {
    }

    public static String line(Frame f) {
        String src;
        String dst;
        if (f.count(IP_SRC.id()) > 0) {
            src = FieldText.ipv4(f.getLong(IP_SRC.id(), 0));
            dst = FieldText.ipv4(f.getLong(IP_DST.id(), 0));
        } else if (f.count(IPV6_SRC.id()) > 0) {
            src = f.getString(IPV6_SRC.id(), 0);
            dst = f.getString(IPV6_DST.id(), 0);
        } else if (f.count(ETH_SRC.id()) > 0) {
            src = f.getString(ETH_SRC.id(), 0);
            dst = f.getString(ETH_DST.id(), 0);
        } else {
            src = "";
            dst = "";
        }
        Field top = f.topProtocol();
        for (int id : f.protocolChain()) {
            if (id == ICMP.id() || id == ICMPV6.id()) {
                // as Wireshark, the columns describe the ICMP error, not the packet it quotes
                top = f.registry().get(id);
                break;
            }
        }
        String protocol = top.columnName();
        return String.format("%5d %10s %12s → %-12s %s %d %s", f.number(),
                FieldText.relative(f.getLong(FRAME_TIME_RELATIVE.id(), 0)).replaceFirst("(\\.\\d{6})\\d{3}$", "$1"),
                src, dst, protocol, f.wireLength(), info(f, top)).stripTrailing();
    }

    /** The info column. */
    public static String info(Frame f, Field top) {
        if (top == STUN) {
            return StunInfo.of(f);
        }
        if (top == TLS || top == DTLS) {
            String records = TlsInfo.of(f);
            if (records != null) {
                return records;
            }
            if (top == TLS) {
                return "[TCP segment of a reassembled PDU]"; // a record that ends in a later segment
            }
        }
        if (top == CLASSICSTUN) {
            return "Message: " + StunInfo.methodName(f.getLong(CLASSICSTUN_TYPE.id(), 0) & 0x3EEF) + " "
                    + StunInfo.className((int) ((f.getLong(CLASSICSTUN_TYPE.id(), 0) & 0x0110) >> 4));
        }
        if (top == ICMP || top == ICMPV6) {
            Field typeField = top == ICMP ? ICMP_TYPE : ICMPV6_TYPE;
            Field codeField = top == ICMP ? ICMP_CODE : ICMPV6_CODE;
            return icmp(top == ICMP, f.getLong(typeField.id(), 0), f.getLong(codeField.id(), 0));
        }
        if (top == IP && f.count(IP_FRAG_OFFSET.id()) > 0
                && (f.getLong(IP_FLAGS_MF.id(), 0) != 0 || f.getLong(IP_FRAG_OFFSET.id(), 0) != 0)) {
            long proto = f.getLong(IP_PROTO.id(), 0);
            return String.format("Fragmented IP protocol (proto=%s%d, off=%d, ID=%04x)", protocolName(proto), proto,
                    f.getLong(IP_FRAG_OFFSET.id(), 0) * 8, f.getLong(IP_ID.id(), 0));
        }
        if (top == IPV6_FRAGHDR && f.count(IPV6_FRAGHDR_IDENT.id()) > 0) {
            return String.format("IPv6 fragment (off=%d more=%s ident=0x%08x nxt=%d)",
                    f.getLong(IPV6_FRAGHDR_OFFSET.id(), 0) * 8, f.getLong(IPV6_FRAGHDR_MORE.id(), 0) != 0 ? "y" : "n",
                    f.getLong(IPV6_FRAGHDR_IDENT.id(), 0), f.getLong(IPV6_FRAGHDR_NXT.id(), 0));
        }
        if (f.count(TCP_SRCPORT.id()) > 0) {
            return tcp(f);
        }
        if (f.count(UDP_SRCPORT.id()) > 0) {
            int last = f.count(UDP_SRCPORT.id()) - 1;
            String ports = f.getLong(UDP_SRCPORT.id(), last) + " → " + f.getLong(UDP_DSTPORT.id(), last);
            if (top == DNS) {
                return "DNS " + ports;
            }
            return ports + " Len=" + Math.max(0, f.getLong(UDP_LENGTH.id(), last) - 8);
        }
        if (f.count(ETH_TYPE.id()) > 0) {
            return String.format("Ethernet II, type 0x%04x", f.getLong(ETH_TYPE.id(), 0));
        }
        return "";
    }

    /** The name Wireshark puts before an IP protocol number in the info column ("UDP " for 17). */
    private static String protocolName(long proto) {
        return switch ((int) proto) {
            case 1 -> "ICMP ";
            case 6 -> "TCP ";
            case 17 -> "UDP ";
            case 58 -> "IPv6-ICMP ";
            default -> "";
        };
    }

    private static String tcp(Frame f) {
        StringBuilder sb = new StringBuilder();
        sb.append(f.getLong(TCP_SRCPORT.id(), 0)).append(" → ").append(f.getLong(TCP_DSTPORT.id(), 0));
        if (f.count(TCP_FLAGS.id()) == 0) {
            return sb.toString();
        }
        long flags = f.getLong(TCP_FLAGS.id(), 0);
        String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG"};
        StringBuilder fl = new StringBuilder();
        for (int bit : new int[] {1, 0, 2, 3, 4, 5}) {
            if ((flags & (1L << bit)) != 0) {
                fl.append(fl.length() > 0 ? ", " : "").append(names[bit]);
            }
        }
        if (fl.length() > 0) {
            sb.append(" [").append(fl).append(']');
        }
        sb.append(" Seq=").append(f.getLong(TCP_SEQ.id(), 0));
        if ((flags & 0x10) != 0 && f.count(TCP_ACK.id()) > 0) {
            sb.append(" Ack=").append(f.getLong(TCP_ACK.id(), 0));
        }
        sb.append(" Win=").append(f.getLong(TCP_WINDOW_SIZE_VALUE.id(), 0));
        sb.append(" Len=").append(f.getLong(TCP_LEN.id(), 0));
        return sb.toString();
    }

    private static String icmp(boolean v4, long type, long code) {
        if (v4) {
            return switch ((int) type) {
                case 0 -> "Echo (ping) reply";
                case 8 -> "Echo (ping) request";
                case 3 -> "Destination unreachable (" + switch ((int) code) {
                    case 0 -> "Network unreachable";
                    case 1 -> "Host unreachable";
                    case 2 -> "Protocol unreachable";
                    case 3 -> "Port unreachable";
                    case 4 -> "Fragmentation needed";
                    default -> "code " + code;
                } + ")";
                case 11 -> "Time-to-live exceeded";
                default -> "Type " + type + ", code " + code;
            };
        }
        return switch ((int) type) {
            case 1 -> "Destination Unreachable";
            case 2 -> "Packet Too Big";
            case 3 -> "Time Exceeded";
            case 128 -> "Echo (ping) request";
            case 129 -> "Echo (ping) reply";
            default -> "Type " + type + ", code " + code;
        };
    }
}
