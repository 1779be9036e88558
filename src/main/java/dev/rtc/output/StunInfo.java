package dev.rtc.output;

import static dev.rtc.dissect.Fields.*;

import dev.rtc.dissect.Frame;

/** The info text of a frame that carries STUN messages or ChannelData, one part per message. */
final class StunInfo {
    private StunInfo() {
    }

    static String methodName(long method) {
        return switch ((int) method) {
            case 0x001 -> "Binding";
            case 0x002 -> "SharedSecret";
            case 0x003 -> "Allocate";
            case 0x004 -> "Refresh";
            case 0x006 -> "Send";
            case 0x007 -> "Data";
            case 0x008 -> "CreatePermission";
            case 0x009 -> "ChannelBind";
            case 0x00A -> "Connect";
            case 0x00B -> "ConnectionBind";
            case 0x00C -> "ConnectionAttempt";
            default -> String.format("0x%03x", method);
        };
    }

    static String className(int cls) {
        return switch (cls) {
            case 0x00 -> "Request";
            case 0x01 -> "Indication";
            case 0x10 -> "Success Response";
            default -> "Error Response";
        };
    }

    /** Walks the frame's values in order, one part per STUN message or ChannelData. */
    static String of(Frame f) {
        StringBuilder sb = new StringBuilder();
        int n = f.occurrences();
        int attType = -1;
        long errorClass = 0;
        for (int i = 0; i < n; i++) {
            var field = f.fieldAt(i);
            if (field == STUN_TYPE) {
                long type = f.longAt(i);
                sep(sb).append(methodName(type & 0x3EEF)).append(' ').append(className((int) ((type & 0x0110) >> 4)));
            } else if (field == STUN_ID) {
                sb.append(" id=").append(f.textAt(i));
            } else if (field == STUN_CHANNEL) {
                sep(sb).append("ChannelData channel ").append(f.textAt(i));
            } else if (field == STUN_LENGTH && i > 0 && f.fieldAt(i - 1) == STUN_CHANNEL) {
                sb.append(" len=").append(f.textAt(i));
            } else if (field == STUN_ATT_TYPE) {
                attType = (int) f.longAt(i);
            } else if (field == STUN_ATT_IPV4 || field == STUN_ATT_IPV6) {
                String text = f.textAt(i);
                sb.append(pendingAddress(f, i, attType, field == STUN_ATT_IPV6 ? "[" + text + "]" : text));
            } else if (field == STUN_ATT_ERROR_CLASS) {
                errorClass = f.longAt(i);
            } else if (field == STUN_ATT_ERROR) {
                sb.append(" error-code: ").append(errorClass * 100 + f.longAt(i));
            } else if (field == STUN_ATT_ERROR_REASON) {
                sb.append(' ').append(f.textAt(i));
            } else if (field == STUN_ATT_LIFETIME) {
                sb.append(" lifetime: ").append(f.textAt(i));
            } else if (field == STUN_ATT_CHANNELNUM) {
                sb.append(" channel: ").append(f.textAt(i));
            } else if (field == STUN_ATT_USERNAME) {
                sb.append(" user: ").append(f.textAt(i));
            }
        }
        return sb.toString();
    }

    private static StringBuilder sep(StringBuilder sb) {
        return sb.length() > 0 ? sb.append(", ") : sb;
    }

    /** Address attributes: the port was added before the address, so print both once the address is known. */
    private static String pendingAddress(Frame f, int i, int attType, String address) {
        String name = switch (attType) {
            case 0x0020 -> "XOR-MAPPED-ADDRESS";
            case 0x0016 -> "XOR-RELAYED-ADDRESS";
            case 0x0012 -> "XOR-PEER-ADDRESS";
            case 0x0001 -> "MAPPED-ADDRESS";
            case 0x802C -> "OTHER-ADDRESS";
            case 0x802B -> "RESPONSE-ORIGIN";
            default -> null;
        };
        if (name == null) {
            return "";
        }
        for (int k = i - 1; k >= 0; k--) {
            if (f.fieldAt(k) == STUN_ATT_PORT) {
                return " " + name + ": " + address + ":" + f.textAt(k);
            }
            if (f.fieldAt(k) == STUN_ATT_TYPE) {
                break;
            }
        }
        return "";
    }
}
