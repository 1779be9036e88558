package dev.rtc.stun;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Test vectors stored as commented hex files under src/test/resources/stun/. */
final class TestVectors {
    static final String SHORT_TERM_PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";
    static final String USERNAME = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
    static final String PASSWORD = "The\u00ADM\u00AAtr\u2168";

    private TestVectors() {
    }

    static byte[] load(String name) {
        try (InputStream in = TestVectors.class.getResourceAsStream("/stun/" + name + ".hex")) {
            if (in == null) {
                throw new IllegalArgumentException("no test vector " + name);
            }
            return hex(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hex digits with spaces, line breaks and {@code #} comments to bytes. */
    static byte[] hex(String text) {
        StringBuilder digits = new StringBuilder();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String data = hash >= 0 ? line.substring(0, hash) : line;
            digits.append(data.replaceAll("\\s+", ""));
        }
        return HexFormat.of().parseHex(digits);
    }
}
