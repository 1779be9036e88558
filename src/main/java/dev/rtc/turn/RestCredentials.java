package dev.rtc.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials as coturn's REST API ("use-auth-secret") expects them: the username is the
 * expiry time in Unix seconds, a colon and the user; the password is base64(HMAC-SHA1(secret, username)).
 */
public final class RestCredentials {
    private RestCredentials() {
    }

    /** Mints credentials valid for {@code ttl} from {@code now}. An empty user gives the bare expiry. */
    public static TurnCredentials mint(String secret, String user, Duration ttl, Instant now) {
        long expiry = now.getEpochSecond() + ttl.getSeconds();
        String username = user == null || user.isEmpty() ? Long.toString(expiry) : expiry + ":" + user;
        return new TurnCredentials(username, password(secret, username));
    }

    /** base64(HMAC-SHA1(secret, username)). */
    public static String password(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is missing from this Java runtime", e);
        }
    }
}
