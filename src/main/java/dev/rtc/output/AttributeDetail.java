package dev.rtc.output;

import dev.rtc.stun.AccessToken;
import dev.rtc.stun.AddressAttribute;
import dev.rtc.stun.AddressErrorCode;
import dev.rtc.stun.AddressFamilyAttribute;
import dev.rtc.stun.AddressText;
import dev.rtc.stun.Attribute;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.BytesAttribute;
import dev.rtc.stun.ChangeRequest;
import dev.rtc.stun.ChannelNumber;
import dev.rtc.stun.EcnCheck;
import dev.rtc.stun.ErrorCode;
import dev.rtc.stun.EvenPort;
import dev.rtc.stun.Fingerprint;
import dev.rtc.stun.FlagAttribute;
import dev.rtc.stun.Icmp;
import dev.rtc.stun.MessageIntegrity;
import dev.rtc.stun.MessageIntegritySha256;
import dev.rtc.stun.Padding;
import dev.rtc.stun.PasswordAlgorithm;
import dev.rtc.stun.PasswordAlgorithms;
import dev.rtc.stun.RequestedTransport;
import dev.rtc.stun.ResponsePort;
import dev.rtc.stun.StringAttribute;
import dev.rtc.stun.TieBreaker;
import dev.rtc.stun.TransactionTransmitCounter;
import dev.rtc.stun.UIntAttribute;
import dev.rtc.stun.UnknownAttributes;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one attribute shows: a one-line summary and its fields, each with a text label (Wireshark's wording) and
 * a JSON key (lower camel case). StunDetail turns the same fields into the text tree and the JSON object.
 */
final class AttributeDetail {
    /** One field; {@code label} null means JSON only, {@code key} null means text only. */
    record Field(String label, String text, String key, Object json) {
    }

    private static final HexFormat HEX = HexFormat.of();

    final String summary;
    final List<Field> fields = new ArrayList<>();

    private AttributeDetail(String summary) {
        this.summary = summary;
    }

    private AttributeDetail field(String label, String text, String key, Object json) {
        fields.add(new Field(label, text, key, json));
        return this;
    }

    /**
     * The detail of an attribute.
     *
     * @param wireValue the attribute's value bytes as sent (for the XOR'd forms)
     * @param check the integrity or fingerprint verdict to show ("correct", "incorrect", "not checked"), or null
     */
    static AttributeDetail of(Attribute a, byte[] wireValue, String check) {
        if (a instanceof AddressAttribute x) {
            return address(x, wireValue);
        }
        if (a instanceof StringAttribute s) {
            return new AttributeDetail(printable(s.value())).field(label(s.type()), printable(s.value()), "value",
                    s.value());
        }
        if (a instanceof UIntAttribute u) {
            return new AttributeDetail(String.valueOf(u.value())).field(label(u.type()), String.valueOf(u.value()),
                    "value", u.value());
        }
        if (a instanceof ErrorCode e) {
            String reason = ErrorCode.reasonFor(e.code());
            String summary = e.code() + (reason.isEmpty() ? "" : " (" + reason + ")") + ": " + printable(e.reason());
            return new AttributeDetail(summary)
                    .field("Error Class", String.valueOf(e.code() / 100), null, null)
                    .field("Error Code", String.valueOf(e.code()), "code", e.code())
                    .field("Error Reason Phrase", printable(e.reason()), "reason", e.reason())
                    .field(null, null, "rfcReason", reason);
        }
        if (a instanceof MessageIntegrity m) {
            return integrity("HMAC-SHA1", HEX.formatHex(m.hmac()), check);
        }
        if (a instanceof MessageIntegritySha256 m) {
            return integrity("HMAC-SHA256", HEX.formatHex(m.hmac()), check);
        }
        if (a instanceof Fingerprint f) {
            String crc = String.format("0x%08x", f.crc());
            return new AttributeDetail(crc + " [" + check + "]")
                    .field("CRC-32", crc + " [" + check + "]", "value", crc)
                    .field(null, null, "check", check);
        }
        if (a instanceof ChangeRequest c) {
            String summary = c.changeIp() && c.changePort() ? "change IP and port"
                    : c.changeIp() ? "change IP" : c.changePort() ? "change port" : "no change";
            return new AttributeDetail(summary)
                    .field("Change IP", set(c.changeIp()), "changeIp", c.changeIp())
                    .field("Change Port", set(c.changePort()), "changePort", c.changePort());
        }
        if (a instanceof BytesAttribute b) {
            String hex = HEX.formatHex(b.value());
            boolean unknown = !b.type().isKnown();
            String summary = (b.length() == 0 ? "(empty)" : hex)
                    + (unknown && b.type().comprehensionRequired() ? " [unknown, comprehension-required]" : "");
            AttributeDetail d = new AttributeDetail(summary).field(label(b.type()), hex, "value", hex);
            if (unknown) {
                d.field(null, null, "known", false)
                        .field(null, null, "comprehensionRequired", b.type().comprehensionRequired());
            }
            return d;
        }
        if (a instanceof RequestedTransport t) {
            String name = t.protocol() == RequestedTransport.UDP ? "UDP"
                    : t.protocol() == RequestedTransport.TCP ? "TCP" : "protocol " + t.protocol();
            return new AttributeDetail(name).field("Transport", name + String.format(" (0x%02x)", t.protocol()),
                    "protocol", t.protocol());
        }
        if (a instanceof ChannelNumber c) {
            String ch = String.format("0x%04x", c.channel());
            return new AttributeDetail(ch).field("Channel-Number", ch, "channel", c.channel());
        }
        if (a instanceof UnknownAttributes u) {
            String list = u.types().stream().map(t -> AttributeType.valueOf(t).name()
                    + (AttributeType.valueOf(t).isKnown() ? String.format(" (0x%04x)", t) : ""))
                    .collect(Collectors.joining(", "));
            AttributeDetail d = new AttributeDetail(list.isEmpty() ? "(none)" : list);
            for (int t : u.types()) {
                d.field("Unknown Attribute", String.format("0x%04x", t), null, null);
            }
            return d.field(null, null, "types", u.types().stream().map(t -> String.format("0x%04x", t)).toList());
        }
        if (a instanceof FlagAttribute) {
            return new AttributeDetail("(present)");
        }
        if (a instanceof ResponsePort p) {
            return new AttributeDetail(String.valueOf(p.port())).field("Port", String.valueOf(p.port()), "port",
                    p.port());
        }
        if (a instanceof Padding p) {
            return new AttributeDetail(p.length() + " bytes").field("Padding", p.length() + " bytes", "bytes",
                    p.length());
        }
        if (a instanceof TieBreaker t) {
            String hex = String.format("%016x", t.value());
            return new AttributeDetail("0x" + hex).field("Tie breaker", hex, "tieBreaker", hex);
        }
        if (a instanceof EvenPort e) {
            return new AttributeDetail(e.reserveNext() ? "reserve next port" : "even port")
                    .field("Reserve next", set(e.reserveNext()), "reserveNext", e.reserveNext());
        }
        if (a instanceof AddressFamilyAttribute f) {
            String name = AddressFamilyAttribute.familyName(f.family());
            return new AttributeDetail(name).field("Protocol Family", name + String.format(" (0x%02x)", f.family()),
                    "family", name);
        }
        if (a instanceof AddressErrorCode e) {
            String family = AddressFamilyAttribute.familyName(e.family());
            return new AttributeDetail(family + " " + e.code() + ": " + printable(e.reason()))
                    .field("Protocol Family", family + String.format(" (0x%02x)", e.family()), "family", family)
                    .field("Error Code", String.valueOf(e.code()), "code", e.code())
                    .field("Error Reason Phrase", printable(e.reason()), "reason", e.reason());
        }
        if (a instanceof PasswordAlgorithm p) {
            return passwordAlgorithm(new AttributeDetail(p.algorithmName()), p);
        }
        if (a instanceof PasswordAlgorithms p) {
            AttributeDetail d = new AttributeDetail(p.algorithms().stream().map(PasswordAlgorithm::algorithmName)
                    .collect(Collectors.joining(", ")));
            for (PasswordAlgorithm one : p.algorithms()) {
                passwordAlgorithm(d, one);
            }
            return d.field(null, null, "algorithms",
                    p.algorithms().stream().map(PasswordAlgorithm::algorithmName).toList());
        }
        if (a instanceof Icmp i) {
            return new AttributeDetail("type " + i.icmpType() + " code " + i.icmpCode())
                    .field("ICMP type", String.valueOf(i.icmpType()), "icmpType", i.icmpType())
                    .field("ICMP code", String.valueOf(i.icmpCode()), "icmpCode", i.icmpCode())
                    .field("Error Data", String.format("0x%08x", i.errorData()), "errorData", i.errorData());
        }
        if (a instanceof TransactionTransmitCounter c) {
            return new AttributeDetail("requests " + c.requests() + ", responses " + c.responses())
                    .field("Requests", String.valueOf(c.requests()), "requests", c.requests())
                    .field("Responses", String.valueOf(c.responses()), "responses", c.responses());
        }
        if (a instanceof EcnCheck e) {
            return new AttributeDetail(e.valid() ? "ECN " + e.ecnField() : "not valid")
                    .field("Valid", set(e.valid()), "valid", e.valid())
                    .field("ECN Echo value", String.valueOf(e.ecnField()), "ecn", e.ecnField());
        }
        if (a instanceof AccessToken t) {
            String nonce = HEX.formatHex(t.nonce());
            return new AttributeDetail("nonce " + nonce + ", " + t.encryptedBlock().length + " encrypted bytes")
                    .field("Nonce", nonce, "nonce", nonce)
                    .field("Encrypted block", HEX.formatHex(t.encryptedBlock()), "encryptedBlock",
                            HEX.formatHex(t.encryptedBlock()));
        }
        throw new IllegalStateException("no detail for " + a.getClass().getSimpleName());
    }

    private static AttributeDetail passwordAlgorithm(AttributeDetail d, PasswordAlgorithm p) {
        d.field("Password Algorithm", p.algorithmName() + String.format(" (0x%04x)", p.algorithm()),
                "algorithm", p.algorithmName());
        if (p.parameters().length > 0) {
            d.field("Password Algorithm Parameters", HEX.formatHex(p.parameters()), null, null);
        }
        return d;
    }

    private static AttributeDetail integrity(String label, String hex, String check) {
        String suffix = check == null ? "" : " [" + check + "]";
        return new AttributeDetail(hex + suffix).field(label, hex + suffix, "value", hex)
                .field(null, null, "check", check);
    }

    private static AttributeDetail address(AddressAttribute x, byte[] wire) {
        String ip = AddressText.of(x.address().getAddress());
        int port = x.address().getPort();
        boolean v4 = x.address().getAddress() instanceof Inet4Address;
        String shown = AddressText.of(x.address());
        String family = v4 ? "IPv4" : "IPv6";
        AttributeDetail d = new AttributeDetail(shown)
                .field("Protocol Family", family + String.format(" (0x%02x)", x.family()), "family", family);
        if (x.isXor() && wire.length >= 4) {
            // Wireshark shows the values computed from the XOR'd bytes in brackets: "[Port: 32853]".
            d.field("Port (XOR-d)", HEX.formatHex(wire, 2, 4), "xorPort", HEX.formatHex(wire, 2, 4))
                    .field("[Port", port + "]", "port", port)
                    .field("IP (XOR-d)", HEX.formatHex(wire, 4, wire.length), "xorAddress",
                            HEX.formatHex(wire, 4, wire.length))
                    .field("[IP", ip + "]", "address", ip);
        } else {
            d.field("Port", String.valueOf(port), "port", port).field("IP", ip, "address", ip);
        }
        return d;
    }

    private static String label(AttributeType t) {
        return switch (t.name()) {
            case "USERNAME" -> "Username";
            case "REALM" -> "Realm";
            case "NONCE" -> "Nonce";
            case "SOFTWARE" -> "Software";
            case "ALTERNATE-DOMAIN" -> "Alternate Domain";
            case "THIRD-PARTY-AUTHORIZATION" -> "Server Name";
            case "LIFETIME" -> "Lifetime";
            case "PRIORITY" -> "Priority";
            case "CONNECTION-ID" -> "Connection ID";
            case "CACHE-TIMEOUT" -> "Cache timeout";
            case "USERHASH" -> "Userhash";
            case "RESERVATION-TOKEN" -> "Token";
            case "PASSWORD" -> "Password";
            case "DATA" -> "Data";
            case "MOBILITY-TICKET" -> "Ticket";
            default -> "Value";
        };
    }

    private static String set(boolean b) {
        return b ? "Set" : "Not set";
    }

    /** Text with control characters shown as escapes, so a NUL or escape sequence cannot garble a terminal. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp == '\\') {
                b.append("\\\\");
            } else if (Character.isISOControl(cp)) {
                b.append(String.format("\\x%02x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
