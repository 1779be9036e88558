package dev.rtc.turn;

import dev.rtc.stun.Attribute;
import dev.rtc.stun.AttributeType;
import dev.rtc.stun.Attributes;
import dev.rtc.stun.Integrity;
import dev.rtc.stun.MessageClass;
import dev.rtc.stun.Method;
import dev.rtc.stun.PasswordAlgorithm;
import dev.rtc.stun.PasswordAlgorithms;
import dev.rtc.stun.StringAttribute;
import dev.rtc.stun.StunMessage;
import dev.rtc.stun.Verification;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The long-term credential state of one TURN session (RFC 8489 section 9.2): realm and nonce from the server's
 * last challenge, the password algorithm, and the key. It signs requests with USERNAME (or USERHASH when the
 * server offers username anonymity), REALM, NONCE, MESSAGE-INTEGRITY or -SHA256 and FINGERPRINT. SHA-256 and
 * USERHASH are used only when the nonce's security feature bits and PASSWORD-ALGORITHMS offer them.
 */
public final class LongTermAuth {
    /** RFC 8489 section 9.2: nonces starting with this cookie carry the server's security feature set. */
    static final String NONCE_COOKIE = "obMatJos2";
    private static final int FEATURE_PASSWORD_ALGORITHMS = 0x800000;
    private static final int FEATURE_USERNAME_ANONYMITY = 0x400000;

    private final TurnCredentials credentials;
    private String realm;
    private String nonce;
    private PasswordAlgorithms offered;
    private boolean sha256;
    private boolean userhash;
    private byte[] key;

    public LongTermAuth(TurnCredentials credentials) {
        this.credentials = credentials;
    }

    /** Takes realm, nonce and the offered algorithms from a 401 or 438 response. False if REALM or NONCE is missing. */
    public boolean challenge(StunMessage error) {
        Optional<String> r = string(error, AttributeType.REALM);
        Optional<String> n = string(error, AttributeType.NONCE);
        if (n.isEmpty() || (r.isEmpty() && realm == null)) {
            return false;
        }
        r.ifPresent(value -> realm = value);
        nonce = n.get();
        int features = features(nonce);
        Optional<PasswordAlgorithms> algorithms = error.first(PasswordAlgorithms.class);
        if ((features & FEATURE_PASSWORD_ALGORITHMS) != 0 && algorithms.isPresent()) {
            offered = algorithms.get();
            sha256 = offered.algorithms().stream().anyMatch(a -> a.algorithm() == PasswordAlgorithm.SHA256);
        } else {
            offered = null;
            sha256 = false;
        }
        userhash = (features & FEATURE_USERNAME_ANONYMITY) != 0;
        key = sha256 ? Integrity.longTermKeySha256(credentials.username(), realm, credentials.password())
                : Integrity.longTermKey(credentials.username(), realm, credentials.password());
        return true;
    }

    /** The 24-bit security feature set of a nonce, 0 when it does not start with the cookie. */
    static int features(String nonce) {
        if (nonce == null || !nonce.startsWith(NONCE_COOKIE) || nonce.length() < NONCE_COOKIE.length() + 4) {
            return 0;
        }
        try {
            byte[] b = Base64.getDecoder().decode(nonce.substring(NONCE_COOKIE.length(), NONCE_COOKIE.length() + 4));
            return ((b[0] & 0xFF) << 16) | ((b[1] & 0xFF) << 8) | (b[2] & 0xFF);
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    /** True once a challenge gave realm and nonce. */
    public boolean ready() {
        return key != null;
    }

    /** A signed request of this method with these attributes (the auth attributes are appended). */
    public StunMessage sign(Method method, List<? extends Attribute> attributes) {
        StunMessage.Builder b = StunMessage.builder(method, MessageClass.REQUEST).addAll(attributes);
        if (userhash) {
            b.add(Attributes.userHash(Integrity.userHash(credentials.username(), realm)));
        } else {
            b.add(Attributes.username(credentials.username()));
        }
        b.add(Attributes.realm(realm)).add(Attributes.nonce(nonce));
        if (offered != null) {
            b.add(offered);
            b.add(new PasswordAlgorithm(sha256 ? PasswordAlgorithm.SHA256 : PasswordAlgorithm.MD5));
        }
        return b.build(key, sha256, true);
    }

    /** Checks a response's integrity with the session key (ABSENT when the server sent none). */
    public Verification verify(StunMessage response) {
        if (key == null) {
            return Verification.ABSENT;
        }
        Verification v = sha256 ? Integrity.verifySha256(response, key) : Integrity.verify(response, key);
        if (v == Verification.ABSENT && sha256) {
            v = Integrity.verify(response, key);
        }
        return v;
    }

    public String realm() {
        return realm;
    }

    public String username() {
        return credentials.username();
    }

    public boolean usesSha256() {
        return sha256;
    }

    public boolean usesUserHash() {
        return userhash;
    }

    static Optional<String> string(StunMessage m, AttributeType type) {
        return m.first(type).filter(StringAttribute.class::isInstance).map(a -> ((StringAttribute) a).value());
    }
}
