package dev.rtc.dtls;

import java.time.Duration;

/**
 * How one DTLS handshake went. On success {@code cause} is null; on failure the negotiated fields are null where
 * the handshake did not get that far, and {@code cause} says in one line why: a timeout, a fingerprint mismatch
 * naming both fingerprints, or the alert the peer sent (e.g. "bad_certificate").
 *
 * @param role            "client" (a=setup:active) or "server" (a=setup:passive)
 * @param version         e.g. "DTLS 1.2"
 * @param cipherSuite     the IANA name, e.g. "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
 * @param srtpProfile     the use_srtp profile both agreed on (RFC 5764/7714 name), or null when none was
 * @param peerFingerprint "sha-256 AB:..." of the certificate the peer presented, or null when it sent none
 * @param handshakeTime   from the start of the handshake to its end (success or failure)
 */
public record DtlsResult(boolean completed, String role, String version, String cipherSuite, String srtpProfile,
        String peerFingerprint, Duration handshakeTime, String cause) {
}
