package dev.rtc.stun;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random but valid messages with every kind of attribute, for property tests; reproducible from a seed. */
final class RandomMessages {
    private static final AttributeType[] ADDRESS_TYPES = {AttributeType.MAPPED_ADDRESS,
        AttributeType.RESPONSE_ADDRESS, AttributeType.SOURCE_ADDRESS, AttributeType.CHANGED_ADDRESS,
        AttributeType.REFLECTED_FROM, AttributeType.XOR_PEER_ADDRESS, AttributeType.XOR_RELAYED_ADDRESS,
        AttributeType.XOR_MAPPED_ADDRESS, AttributeType.ALTERNATE_SERVER, AttributeType.RESPONSE_ORIGIN,
        AttributeType.OTHER_ADDRESS};
    private static final AttributeType[] STRING_TYPES = {AttributeType.USERNAME, AttributeType.REALM,
        AttributeType.NONCE, AttributeType.SOFTWARE, AttributeType.ALTERNATE_DOMAIN,
        AttributeType.THIRD_PARTY_AUTHORIZATION};
    private static final AttributeType[] UINT_TYPES = {AttributeType.LIFETIME, AttributeType.PRIORITY,
        AttributeType.CONNECTION_ID, AttributeType.CACHE_TIMEOUT};
    private static final AttributeType[] BYTES_TYPES = {AttributeType.DATA, AttributeType.PASSWORD,
        AttributeType.MOBILITY_TICKET};

    private RandomMessages() {
    }

    static StunMessage message(Random r) {
        boolean classic = r.nextInt(8) == 0;
        StunMessage.Builder b = StunMessage.builder(Method.valueOf(r.nextInt(0x1000)),
                MessageClass.ofBits(r.nextInt(4)));
        if (classic) {
            b.classic();
        } else {
            b.transactionId(TransactionId.of(bytes(r, 12)));
        }
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            b.add(attribute(r));
        }
        byte[] key = r.nextBoolean() ? null : bytes(r, r.nextInt(20));
        return b.build(key, r.nextBoolean(), r.nextBoolean());
    }

    static Attribute attribute(Random r) {
        switch (r.nextInt(26)) {
            case 0: return new AddressAttribute(pick(r, ADDRESS_TYPES), address(r));
            case 1: return new ChangeRequest(r.nextBoolean(), r.nextBoolean());
            case 2: return new ErrorCode(300 + r.nextInt(400), text(r));
            case 3: return new StringAttribute(pick(r, STRING_TYPES), text(r));
            case 4: return new UIntAttribute(pick(r, UINT_TYPES), r.nextLong() & 0xFFFFFFFFL);
            case 5: return new BytesAttribute(pick(r, BYTES_TYPES), bytes(r, r.nextInt(40)));
            case 6: return new RequestedTransport(r.nextInt(256));
            case 7: return new ChannelNumber(r.nextInt(0x10000));
            case 8: {
                List<Integer> types = new ArrayList<>();
                int k = r.nextInt(5);
                for (int i = 0; i < k; i++) {
                    types.add(r.nextInt(0x10000));
                }
                return new UnknownAttributes(types);
            }
            case 9: return new FlagAttribute(r.nextBoolean() ? AttributeType.USE_CANDIDATE
                    : AttributeType.DONT_FRAGMENT);
            case 10: return new ResponsePort(r.nextInt(0x10000));
            case 11: return new Padding(bytes(r, r.nextInt(64)));
            case 12: return new TieBreaker(r.nextBoolean() ? AttributeType.ICE_CONTROLLED
                    : AttributeType.ICE_CONTROLLING, r.nextLong());
            case 13: return new EvenPort(r.nextBoolean());
            case 14: return new AddressFamilyAttribute(r.nextBoolean() ? AttributeType.REQUESTED_ADDRESS_FAMILY
                    : AttributeType.ADDITIONAL_ADDRESS_FAMILY, r.nextInt(256));
            case 15: return new AddressErrorCode(r.nextInt(256), 300 + r.nextInt(400), text(r));
            case 16: return new PasswordAlgorithm(r.nextInt(0x10000), bytes(r, r.nextInt(9)));
            case 17: {
                List<PasswordAlgorithm> list = new ArrayList<>();
                int k = r.nextInt(4);
                for (int i = 0; i < k; i++) {
                    list.add(new PasswordAlgorithm(r.nextInt(0x10000), bytes(r, r.nextInt(9))));
                }
                return new PasswordAlgorithms(list);
            }
            case 18: return new Icmp(r.nextInt(256), r.nextInt(256), r.nextLong() & 0xFFFFFFFFL);
            case 19: return new TransactionTransmitCounter(r.nextInt(256), r.nextInt(256));
            case 20: return new EcnCheck(r.nextBoolean(), r.nextInt(4));
            case 21: return new AccessToken(bytes(r, r.nextInt(16)), bytes(r, r.nextInt(48)));
            case 22: return r.nextBoolean() ? Attributes.userHash(bytes(r, 32))
                    : Attributes.reservationToken(bytes(r, 8));
            case 23: return new MessageIntegrity(bytes(r, 20));
            case 24: return new Fingerprint(r.nextLong() & 0xFFFFFFFFL);
            default: {
                int code;
                do {
                    code = r.nextInt(0x10000);
                } while (AttributeType.valueOf(code).isKnown());
                return new BytesAttribute(AttributeType.valueOf(code), bytes(r, r.nextInt(30)));
            }
        }
    }

    static InetSocketAddress address(Random r) {
        return new InetSocketAddress(AttributeCodec.inetAddress(bytes(r, r.nextBoolean() ? 4 : 16)),
                r.nextInt(0x10000));
    }

    static String text(Random r) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(20);
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(10);
            if (kind < 7) {
                s.append((char) (' ' + r.nextInt(95)));
            } else if (kind < 9) {
                s.append((char) (0xA0 + r.nextInt(0x500)));
            } else {
                s.appendCodePoint(0x1F600 + r.nextInt(50));
            }
        }
        return s.toString();
    }

    static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    static <T> T pick(Random r, T[] options) {
        return options[r.nextInt(options.length)];
    }
}
