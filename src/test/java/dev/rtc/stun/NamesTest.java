package dev.rtc.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Methods, classes, attribute types and error codes by number and by name; unknown numbers never throw. */
class NamesTest {

    @Test
    void everyAttributeTheIssueListsIsNamed() {
        String[] names = {"MAPPED-ADDRESS", "RESPONSE-ADDRESS", "CHANGE-REQUEST", "SOURCE-ADDRESS",
            "CHANGED-ADDRESS", "USERNAME", "PASSWORD", "MESSAGE-INTEGRITY", "ERROR-CODE", "UNKNOWN-ATTRIBUTES",
            "REFLECTED-FROM", "CHANNEL-NUMBER", "LIFETIME", "XOR-PEER-ADDRESS", "DATA", "REALM", "NONCE",
            "XOR-RELAYED-ADDRESS", "REQUESTED-ADDRESS-FAMILY", "EVEN-PORT", "REQUESTED-TRANSPORT", "DONT-FRAGMENT",
            "ACCESS-TOKEN", "MESSAGE-INTEGRITY-SHA256", "PASSWORD-ALGORITHM", "USERHASH", "XOR-MAPPED-ADDRESS",
            "RESERVATION-TOKEN", "PRIORITY", "USE-CANDIDATE", "PADDING", "RESPONSE-PORT", "CONNECTION-ID",
            "ADDITIONAL-ADDRESS-FAMILY", "ADDRESS-ERROR-CODE", "PASSWORD-ALGORITHMS", "ALTERNATE-DOMAIN", "ICMP",
            "SOFTWARE", "ALTERNATE-SERVER", "TRANSACTION-TRANSMIT-COUNTER", "CACHE-TIMEOUT", "FINGERPRINT",
            "ICE-CONTROLLED", "ICE-CONTROLLING", "RESPONSE-ORIGIN", "OTHER-ADDRESS", "ECN-CHECK",
            "THIRD-PARTY-AUTHORIZATION", "MOBILITY-TICKET"};
        Set<String> known = new HashSet<>();
        AttributeType.known().values().forEach(t -> known.add(t.name()));
        assertThat(known).containsExactlyInAnyOrder(names);
    }

    @Test
    void attributeTypes() {
        assertThat(AttributeType.XOR_MAPPED_ADDRESS.code()).isEqualTo(0x0020);
        assertThat(AttributeType.valueOf(0x0020)).isSameAs(AttributeType.XOR_MAPPED_ADDRESS);
        assertThat(AttributeType.valueOf(0x8029).name()).isEqualTo("ICE-CONTROLLED");
        assertThat(AttributeType.valueOf(0x7777).name()).isEqualTo("0x7777");
        assertThat(AttributeType.valueOf(0x7777).comprehensionRequired()).isTrue();
        assertThat(AttributeType.valueOf(0xc057).comprehensionRequired()).isFalse();
        assertThat(AttributeType.valueOf(0x7777)).isEqualTo(AttributeType.valueOf(0x7777));
        assertThat(AttributeType.valueOf(-1).code()).isEqualTo(0xFFFF);
    }

    @Test
    void methods() {
        assertThat(Stream.of(Method.BINDING, Method.ALLOCATE, Method.REFRESH, Method.SEND, Method.DATA,
                Method.CREATE_PERMISSION, Method.CHANNEL_BIND, Method.CONNECT, Method.CONNECTION_BIND,
                Method.CONNECTION_ATTEMPT).map(Method::toString)).containsExactly("Binding", "Allocate", "Refresh",
                "Send", "Data", "CreatePermission", "ChannelBind", "Connect", "ConnectionBind", "ConnectionAttempt");
        assertThat(Method.valueOf(0x00C)).isSameAs(Method.CONNECTION_ATTEMPT);
        assertThat(Method.valueOf(0x080).toString()).isEqualTo("GOOG-PING");
        assertThat(Method.valueOf(0xabc).toString()).isEqualTo("0x0abc");
        assertThat(Method.valueOf(0xabc).isKnown()).isFalse();
        assertThat(Method.valueOf(0xabc)).isEqualTo(Method.valueOf(0xabc));
        assertThat(Method.valueOf(Integer.MIN_VALUE).code()).isEqualTo(0);
    }

    @Test
    void typePackingMatchesRfc8489() {
        assertThat(StunMessage.typeOf(Method.BINDING, MessageClass.REQUEST)).isEqualTo(0x0001);
        assertThat(StunMessage.typeOf(Method.BINDING, MessageClass.INDICATION)).isEqualTo(0x0011);
        assertThat(StunMessage.typeOf(Method.BINDING, MessageClass.SUCCESS_RESPONSE)).isEqualTo(0x0101);
        assertThat(StunMessage.typeOf(Method.BINDING, MessageClass.ERROR_RESPONSE)).isEqualTo(0x0111);
        assertThat(StunMessage.typeOf(Method.ALLOCATE, MessageClass.ERROR_RESPONSE)).isEqualTo(0x0113);
        assertThat(StunMessage.typeOf(Method.SEND, MessageClass.INDICATION)).isEqualTo(0x0016);
        assertThat(StunMessage.typeOf(Method.valueOf(0xFFF), MessageClass.ERROR_RESPONSE)).isEqualTo(0x3FFF);
        for (int type = 0; type < 0x4000; type++) {
            int m = StunMessage.methodOf(type);
            MessageClass c = MessageClass.ofBits(((type >>> 7) & 2) | ((type >>> 4) & 1));
            assertThat(StunMessage.typeOf(Method.valueOf(m), c)).isEqualTo(type);
        }
    }

    @Test
    void errorCodes() {
        int[] codes = {300, 400, 401, 403, 420, 437, 438, 440, 441, 442, 443, 446, 447, 486, 487, 500, 508};
        for (int c : codes) {
            assertThat(ErrorCode.reasonFor(c)).as("reason for %d", c).isNotEmpty();
        }
        assertThat(ErrorCode.reasonFor(438)).isEqualTo("Stale Nonce");
        assertThat(ErrorCode.reasonFor(420)).isEqualTo("Unknown Attribute");
        assertThat(ErrorCode.reasonFor(699)).isEmpty();
    }
}
