package dev.rtc.turn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Where TURN credentials come from: a fixed long-term username and password, or coturn REST-API credentials minted
 * from a shared secret each time they are needed (a long-running prober must not outlive what it minted at start).
 * Secret and password never appear in {@link #toString()}.
 */
public sealed interface CredentialSource {

    /** The credentials to use for a request made at {@code now}. */
    TurnCredentials credentials(Instant now);

    /** A long-term credential. */
    record Fixed(TurnCredentials fixed) implements CredentialSource {
        @Override
        public TurnCredentials credentials(Instant now) {
            return fixed;
        }
    }

    /** REST-API credentials minted from {@code secret}, valid for {@code ttl}, user part {@code user} (or none). */
    record Rest(String secret, String user, Duration ttl) implements CredentialSource {
        @Override
        public TurnCredentials credentials(Instant now) {
            return RestCredentials.mint(secret, user, ttl, now);
        }

        @Override
        public String toString() {
            return "Rest[secret=(hidden), user=" + user + ", ttl=" + ttl + "]";
        }
    }

    /** The first line of a password or secret file, without surrounding blanks. */
    static String firstLine(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }
}
