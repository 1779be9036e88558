package dev.rtc.net;

/** Which replies count as the answer to a client transaction. */
public enum SourceCheck {
    /** Only a reply from the address the request went to (RFC 8489); others are ignored and noted. */
    DESTINATION,
    /** A reply from any address (callers that validate sources themselves, e.g. RFC 5780 probes). */
    ANY
}
