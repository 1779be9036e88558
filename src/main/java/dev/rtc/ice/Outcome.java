package dev.rtc.ice;

/** A server's verdict: OK or the named cause of its failure. */
public enum Outcome {
    OK("OK"),
    DNS_FAILURE("DNS failure"),
    UNREACHABLE("unreachable"),
    TLS_FAILURE("TLS failure"),
    AUTH_MISSING("credentials needed"),
    AUTH_REJECTED("authentication rejected"),
    STALE_NONCE_LOOP("stale-nonce loop"),
    FORBIDDEN("forbidden"),
    QUOTA_OR_CAPACITY("quota or capacity"),
    REDIRECTED("redirected"),
    ALLOCATION_MISMATCH("allocation mismatch"),
    BAD_RESPONSE("bad response"),
    ERROR("error"),
    SKIPPED("skipped");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** The words printed in the verdict. */
    public String label() {
        return label;
    }

    /** The name used in JSON: lower camel case of the constant. */
    public String jsonName() {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : name().toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }
}
