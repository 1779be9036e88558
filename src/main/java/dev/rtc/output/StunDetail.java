package dev.rtc.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rtc.stun.Attribute;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.ChannelData;
import dev.rtc.stun.Fingerprint;
import dev.rtc.stun.Integrity;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.StunMessage;
import dev.rtc.stun.Verification;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A STUN message for people and for scripts: a Wireshark-detail text tree ({@link #lines}) and a JSON object
 * ({@link #json}) built from the same fields. XOR addresses are shown decoded next to their XOR'd bytes;
 * FINGERPRINT is always checked; MESSAGE-INTEGRITY(-SHA256) is checked when a key is given. Attributes that
 * RFC 8489 says to ignore (after MESSAGE-INTEGRITY or FINGERPRINT) are shown and marked as ignored.
 */
public final class StunDetail {
    private static final String INDENT = "    ";

    private StunDetail() {
    }

    /** The text tree, integrity not checked. */
    public static List<String> lines(StunMessage m) {
        return lines(m, null);
    }

    /** The text tree; MESSAGE-INTEGRITY(-SHA256) checked with {@code key} when it is not null. */
    public static List<String> lines(StunMessage m, byte[] key) {
        List<String> out = new ArrayList<>();
        out.add(String.format("Message Type: 0x%04x (%s %s)", m.type(), m.method(), m.messageClass().label()));
        out.add(INDENT + String.format("Message Class: %s (%d)", m.messageClass().label(), m.messageClass().bits()));
        out.add(INDENT + String.format("Message Method: %s (0x%03x)", m.method(), m.method().code()));
        out.add("Message Length: " + m.length());
        if (m.isClassic()) {
            out.add("Message Cookie: none (RFC 3489 classic message)");
        } else {
            out.add(String.format("Message Cookie: %08x", m.cookie()));
        }
        out.add("Message Transaction ID: " + m.transactionId().hex());
        if (m.attributes().isEmpty()) {
            return out;
        }
        out.add("Attributes");
        List<Attribute> attributes = m.attributes();
        for (int i = 0; i < attributes.size(); i++) {
            Attribute a = attributes.get(i);
            AttributeDetail d = detail(m, i, key);
            String ignored = m.ignored(i) ? " [ignored: " + ignoredReason(m, i) + "]" : "";
            out.add(INDENT + a.type().name() + ": " + d.summary + ignored);
            String typeLine = a.type().isKnown()
                    ? String.format("%s (0x%04x)", a.type().name(), a.type().code()) : a.type().name();
            out.add(INDENT + INDENT + "Attribute Type: " + typeLine + (a.type().comprehensionRequired()
                    ? "" : " [comprehension-optional]"));
            out.add(INDENT + INDENT + "Attribute Length: " + m.attributeLength(i));
            for (AttributeDetail.Field f : d.fields) {
                if (f.label() != null) {
                    out.add(INDENT + INDENT + f.label() + ": " + f.text());
                }
            }
        }
        return out;
    }

    /** The JSON object, integrity not checked. */
    public static ObjectNode json(StunMessage m) {
        return json(m, null);
    }

    /**
     * The JSON object: {@code type, method, methodCode, class, length, cookie, classic, transactionId,
     * attributes: [{type, name, length, ignored?, value, ...typed members}]}. {@code value} is the decoded value
     * (text, number, hex bytes, "address:port"); FINGERPRINT and, with a key, MESSAGE-INTEGRITY(-SHA256) carry a
     * {@code check} member ("correct", "incorrect"; null when no key was given; "ignored").
     */
    public static ObjectNode json(StunMessage m, byte[] key) {
        ObjectNode n = Json.object();
        n.put("type", String.format("0x%04x", m.type()));
        n.put("method", m.method().toString());
        n.put("methodCode", m.method().code());
        n.put("class", className(m.messageClass()));
        n.put("length", m.length());
        if (m.isClassic()) {
            n.putNull("cookie");
        } else {
            n.put("cookie", String.format("%08x", m.cookie()));
        }
        n.put("classic", m.isClassic());
        n.put("transactionId", m.transactionId().hex());
        ArrayNode list = n.putArray("attributes");
        for (int i = 0; i < m.attributes().size(); i++) {
            Attribute a = m.attributes().get(i);
            AttributeDetail d = detail(m, i, key);
            ObjectNode o = list.addObject();
            o.put("type", String.format("0x%04x", a.type().code()));
            o.put("name", a.type().name());
            o.put("length", m.attributeLength(i));
            if (m.ignored(i)) {
                o.put("ignored", true);
            }
            Object value = d.summary;
            for (AttributeDetail.Field f : d.fields) {
                if ("value".equals(f.key())) {
                    value = f.json();
                }
            }
            o.set("value", Json.mapper().valueToTree(value));
            for (AttributeDetail.Field f : d.fields) {
                if (f.key() != null && !f.key().equals("value")) {
                    o.set(f.key(), Json.mapper().valueToTree(f.json()));
                }
            }
        }
        return n;
    }

    /** A ChannelData frame as a text tree. */
    public static List<String> lines(ChannelData cd) {
        return List.of(
                String.format("Channel Number: 0x%04x", cd.channel()),
                "Length: " + cd.data().length,
                "Data: " + HexFormat.of().formatHex(cd.data()));
    }

    /** A ChannelData frame as JSON: {@code channel, length, data}. */
    public static ObjectNode json(ChannelData cd) {
        ObjectNode n = Json.object();
        n.put("channel", String.format("0x%04x", cd.channel()));
        n.put("length", cd.data().length);
        n.put("data", HexFormat.of().formatHex(cd.data()));
        return n;
    }

    private static AttributeDetail detail(StunMessage m, int i, byte[] key) {
        Attribute a = m.attributes().get(i);
        int valueAt = m.attributeOffset(i) + 4;
        byte[] wire = Arrays.copyOfRange(m.raw(), valueAt, valueAt + m.attributeLength(i));
        return AttributeDetail.of(a, wire, check(m, i, a.type(), key));
    }

    private static String check(StunMessage m, int i, AttributeType type, byte[] key) {
        if (m.ignored(i)) {
            return "ignored";
        }
        if (type.equals(AttributeType.FINGERPRINT)) {
            return verdict(Fingerprint.verify(m));
        }
        if (type.equals(AttributeType.MESSAGE_INTEGRITY)) {
            return key == null ? null : verdict(Integrity.verify(m, key));
        }
        if (type.equals(AttributeType.MESSAGE_INTEGRITY_SHA256)) {
            return key == null ? null : verdict(Integrity.verifySha256(m, key));
        }
        return null;
    }

    /**
     * A check's outcome in Wireshark's words for checked values: "correct", "incorrect", or "absent" when the
     * message carries no such attribute. Every integrity and fingerprint verdict rtc prints uses these.
     */
    public static String verdict(Verification v) {
        return switch (v) {
            case VALID -> "correct";
            case INVALID -> "incorrect";
            case ABSENT -> "absent";
        };
    }

    private static String ignoredReason(StunMessage m, int i) {
        for (int j = i - 1; j >= 0; j--) {
            AttributeType t = m.attributes().get(j).type();
            if (!m.ignored(j) && (t.equals(AttributeType.FINGERPRINT) || t.equals(AttributeType.MESSAGE_INTEGRITY)
                    || t.equals(AttributeType.MESSAGE_INTEGRITY_SHA256))) {
                return "follows " + t.name();
            }
        }
        return "follows an integrity attribute";
    }

    private static String className(MessageClass c) {
        return switch (c) {
            case REQUEST -> "request";
            case INDICATION -> "indication";
            case SUCCESS_RESPONSE -> "successResponse";
            case ERROR_RESPONSE -> "errorResponse";
        };
    }
}
