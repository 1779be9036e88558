package dev.rtc.server;

import dev.rtc.RtcException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server side of STUN over TLS: a certificate chain and its private key, both PEM files as certbot and openssl
 * write them (the key unencrypted PKCS#8, "BEGIN PRIVATE KEY"), turned into an {@link SSLContext}.
 */
public final class ServerTls {
    private ServerTls() {
    }

    /** Reads the files; a missing file, a bad PEM or a key that does not fit ends with exit 2 and one line. */
    public static SSLContext load(Path certificate, Path key) {
        return load("--tls-cert", certificate, "--tls-key", key);
    }

    /** As {@link #load(Path, Path)}, naming the files by the options they came from in its errors. */
    public static SSLContext load(String certOption, Path certificate, String keyOption, Path key) {
        List<Certificate> chain;
        try (InputStream in = Files.newInputStream(certificate)) {
            chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (IOException | GeneralSecurityException e) {
            throw RtcException.usage(certOption + " " + certificate + ": " + why(e));
        }
        if (chain.isEmpty()) {
            throw RtcException.usage(certOption + " " + certificate + ": no certificate in the file");
        }
        PrivateKey privateKey = privateKey(keyOption, key);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] none = new char[0];
            store.setKeyEntry("server", privateKey, none, chain.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, none);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw RtcException.usage(keyOption + " " + key + " does not go with " + certOption + " " + certificate + ": "
                    + why(e));
        }
    }

    private static PrivateKey privateKey(String keyOption, Path key) {
        String text;
        try {
            text = Files.readString(key, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw RtcException.usage(keyOption + " " + key + ": " + why(e));
        }
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw RtcException.usage(keyOption + " " + key + ": no unencrypted PKCS#8 key (BEGIN PRIVATE KEY); convert"
                    + " with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException x) {
            throw RtcException.usage(keyOption + " " + key + ": the key is not valid base64");
        }
        for (String algorithm : List.of("EC", "RSA", "Ed25519", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException ignored) {
                // try the next kind of key
            }
        }
        throw RtcException.usage(keyOption + " " + key + ": not an EC, RSA or Ed25519 private key");
    }

    private static String why(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
