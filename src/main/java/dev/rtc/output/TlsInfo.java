package dev.rtc.output;

import static dev.rtc.dissect.Fields.*;

import dev.rtc.dissect.Field;
import dev.rtc.dissect.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * The info column of a TLS or DTLS frame, as Wireshark writes it: each record in order, comma-separated — its
 * handshake messages by name ("Client Hello, Certificate"), "Change Cipher Spec", "Application Data", an alert
 * with its level and description, or "Encrypted Handshake Message" / "Encrypted Alert" when the bytes do not read
 * as one. A DTLS handshake fragment says so.
 */
final class TlsInfo {
    private final List<String> parts = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private long recordType = -1;
    private String alert;

    private TlsInfo() {
    }

    /** The info text, or null when the frame holds no record (a segment with only the start of one). */
    static String of(Frame f) {
        TlsInfo info = new TlsInfo();
        long length = -1;
        for (int i = 0; i < f.occurrences(); i++) {
            Field field = f.fieldAt(i);
            if (field == TLS_RECORD_CONTENT_TYPE || field == TLS_RECORD_OPAQUE_TYPE
                    || field == DTLS_RECORD_CONTENT_TYPE) {
                info.flush();
                info.recordType = f.longAt(i);
            } else if (field == DTLS_ENC_CONTENT) {
                info.flush();
                info.parts.add("Encrypted Record");
            } else if (field == TLS_HANDSHAKE_TYPE || field == DTLS_HANDSHAKE_TYPE) {
                info.messages.add(name(field, f.longAt(i), "Unknown"));
            } else if (field == DTLS_HANDSHAKE_LENGTH) {
                length = f.longAt(i);
            } else if (field == DTLS_HANDSHAKE_FRAGMENT_LENGTH && f.longAt(i) < length && !info.messages.isEmpty()) {
                int last = info.messages.size() - 1;
                info.messages.set(last, info.messages.get(last) + " (Fragment)");
            } else if (field == TLS_ALERT_MESSAGE_LEVEL || field == DTLS_ALERT_MESSAGE_LEVEL) {
                info.alert = "Alert (Level: " + name(field, f.longAt(i), "Unknown");
            } else if (field == TLS_ALERT_MESSAGE_DESC || field == DTLS_ALERT_MESSAGE_DESC) {
                info.alert += ", Description: " + name(field, f.longAt(i), "Unknown") + ")";
            }
        }
        info.flush();
        return info.parts.isEmpty() ? null : String.join(", ", info.parts);
    }

    private void flush() {
        if (recordType < 0) {
            return;
        }
        parts.add(switch ((int) recordType) {
            case 20 -> "Change Cipher Spec";
            case 21 -> alert != null ? alert : "Encrypted Alert";
            case 22 -> messages.isEmpty() ? "Encrypted Handshake Message" : String.join(", ", messages);
            case 23 -> "Application Data";
            case 24 -> "Heartbeat";
            default -> "Connection ID";
        });
        recordType = -1;
        messages.clear();
        alert = null;
    }

    private static String name(Field field, long value, String otherwise) {
        return field.valueNames().getOrDefault(value, otherwise);
    }
}
