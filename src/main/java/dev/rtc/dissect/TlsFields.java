package dev.rtc.dissect;

import static dev.rtc.dissect.Fields.*;

/**
 * The fields one of TLS and DTLS fills: the two share their handshake messages (RFC 8446 §4, RFC 9147 §5), so one
 * parser serves both and writes to the set of the protocol it is dissecting. Fields a protocol does not have in
 * Wireshark 4.0 are null (TLS has no use_srtp fields, DTLS no opaque type).
 */
record TlsFields(boolean datagram, Field protocol, Field contentType, Field opaqueType, Field version, Field length,
                 Field handshakeType, Field handshakeLength, Field handshakeVersion, Field sessionIdLength,
                 Field cookieLength, Field cipherSuitesLength, Field cipherSuite, Field extensionsLength,
                 Field extensionType, Field extensionLength, Field serverName, Field supportedVersion,
                 Field srtpProfilesLength, Field srtpProfile, Field srtpMkiLength, Field srtpMki, Field alertLevel,
                 Field alertDescription, Field appData) {

    static final TlsFields TLS_FIELDS = new TlsFields(false, TLS, TLS_RECORD_CONTENT_TYPE, TLS_RECORD_OPAQUE_TYPE,
            TLS_RECORD_VERSION, TLS_RECORD_LENGTH, TLS_HANDSHAKE_TYPE, TLS_HANDSHAKE_LENGTH, TLS_HANDSHAKE_VERSION,
            TLS_HANDSHAKE_SESSION_ID_LENGTH, null, TLS_HANDSHAKE_CIPHER_SUITES_LENGTH, TLS_HANDSHAKE_CIPHERSUITE,
            TLS_HANDSHAKE_EXTENSIONS_LENGTH, TLS_HANDSHAKE_EXTENSION_TYPE, TLS_HANDSHAKE_EXTENSION_LEN,
            TLS_HANDSHAKE_EXTENSIONS_SERVER_NAME, TLS_HANDSHAKE_EXTENSIONS_SUPPORTED_VERSION, null, null, null, null,
            TLS_ALERT_MESSAGE_LEVEL, TLS_ALERT_MESSAGE_DESC, TLS_APP_DATA);

    static final TlsFields DTLS_FIELDS = new TlsFields(true, DTLS, DTLS_RECORD_CONTENT_TYPE, null,
            DTLS_RECORD_VERSION, DTLS_RECORD_LENGTH, DTLS_HANDSHAKE_TYPE, DTLS_HANDSHAKE_LENGTH,
            DTLS_HANDSHAKE_VERSION, DTLS_HANDSHAKE_SESSION_ID_LENGTH, DTLS_HANDSHAKE_COOKIE_LENGTH,
            DTLS_HANDSHAKE_CIPHER_SUITES_LENGTH, DTLS_HANDSHAKE_CIPHERSUITE, DTLS_HANDSHAKE_EXTENSIONS_LENGTH,
            DTLS_HANDSHAKE_EXTENSION_TYPE, DTLS_HANDSHAKE_EXTENSION_LEN, DTLS_HANDSHAKE_EXTENSIONS_SERVER_NAME,
            DTLS_HANDSHAKE_EXTENSIONS_SUPPORTED_VERSION, DTLS_USE_SRTP_PROTECTION_PROFILES_LENGTH,
            DTLS_USE_SRTP_PROTECTION_PROFILE, DTLS_USE_SRTP_MKI_LENGTH, DTLS_USE_SRTP_MKI, DTLS_ALERT_MESSAGE_LEVEL,
            DTLS_ALERT_MESSAGE_DESC, DTLS_APP_DATA);
}
