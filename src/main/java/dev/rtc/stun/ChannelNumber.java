package dev.rtc.stun;

/** CHANNEL-NUMBER (RFC 8656): the channel a ChannelBind binds, 0x4000-0x4FFF in RFC 8656 (0x7FFF in RFC 5766). */
public record ChannelNumber(int channel) implements Attribute {
    public ChannelNumber {
        if (channel < 0 || channel > 0xFFFF) {
            throw new IllegalArgumentException("a channel number is 16 bits, not " + channel);
        }
    }

    @Override
    public AttributeType type() {
        return AttributeType.CHANNEL_NUMBER;
    }
}
