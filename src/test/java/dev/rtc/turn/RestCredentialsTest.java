package dev.rtc.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestCredentialsTest {
    // expected passwords computed independently:
    // printf '%s' '1700086400:alice' | openssl dgst -sha1 -hmac north -binary | base64

    @Test
    void usernameIsExpiryColonUserAndPasswordIsBase64HmacSha1() {
        TurnCredentials c = RestCredentials.mint("north", "alice", Duration.ofDays(1),
                Instant.ofEpochSecond(1_700_000_000L));
        assertThat(c.username()).isEqualTo("1700086400:alice");
        assertThat(c.password()).isEqualTo("SXua5ne/+mDhiHTp0pQJzRO4ESg=");
    }

    @Test
    void withoutUserTheUsernameIsTheBareExpiry() {
        TurnCredentials c = RestCredentials.mint("north", "", Duration.ofDays(1),
                Instant.ofEpochSecond(1_700_000_000L));
        assertThat(c.username()).isEqualTo("1700086400");
        assertThat(c.password()).isEqualTo("K+RlgFj3QLvB7WAVHfjfgMgyBeA=");
    }

    @Test
    void passwordNeverAppearsInToString() {
        TurnCredentials c = new TurnCredentials("alice", "wonderland");
        assertThat(c.toString()).contains("alice").doesNotContain("wonderland");
    }
}
