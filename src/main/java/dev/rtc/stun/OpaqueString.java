package dev.rtc.stun;

import java.text.Normalizer;

/**
 * Preparation of usernames, realms and passwords before they go into a key (RFC 8489 uses the OpaqueString
 * profile of RFC 8265; RFC 5389 used SASLprep). rtc applies the mapping both test-vector RFCs were computed
 * with: characters "commonly mapped to nothing" (soft hyphen, zero-width joiners, variation selectors, ...)
 * removed, non-ASCII spaces turned into U+0020, then Unicode NFKC. For the ASCII credentials of practice this is
 * the identity, and it turns RFC 5769's {@code "The\u00ADM\u00AAtr\u2168"} into {@code "TheMatrIX"} as the RFC
 * requires. It never rejects a string: a key is always computed.
 */
public final class OpaqueString {
    private OpaqueString() {
    }

    public static String prepare(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (mapsToNothing(cp)) {
                return;
            }
            if (cp != ' ' && Character.getType(cp) == Character.SPACE_SEPARATOR) {
                b.append(' ');
            } else {
                b.appendCodePoint(cp);
            }
        });
        return Normalizer.normalize(b, Normalizer.Form.NFKC);
    }

    // RFC 3454 table B.1
    private static boolean mapsToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F)
                || cp == 0xFEFF;
    }
}
