/**
 * The STUN/TURN/ICE message codec: {@link dev.rtc.stun.StunMessage} (RFC 8489 and RFC 3489 classic messages),
 * typed {@link dev.rtc.stun.Attribute}s for every attribute of RFC 3489, 5389/8489, 5780, 6062, 6156, 6679, 7635,
 * 7982, 8016, 8445 and 8656, {@link dev.rtc.stun.Integrity} (MESSAGE-INTEGRITY, -SHA256, long- and short-term
 * keys), {@link dev.rtc.stun.Fingerprint}, {@link dev.rtc.stun.ChannelData} and RFC 7983 demultiplexing
 * ({@link dev.rtc.stun.Demux}).
 *
 * <p>Pure: java.base only, no sockets, no clocks, no credential store. Every malformed input raises
 * {@link dev.rtc.stun.StunParseException} naming the field, its offset and the sizes; nothing else escapes a
 * decoder. Decoded messages re-encode byte for byte (padding bytes included); reserved bits that the RFCs say are
 * sent as zero and ignored on receipt are re-encoded as zero.
 */
package dev.rtc.stun;
