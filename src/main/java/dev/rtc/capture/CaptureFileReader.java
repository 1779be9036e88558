package dev.rtc.capture;

import dev.rtc.Exit;
import dev.rtc.RtcException;
import dev.rtc.dissect.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pcap (microsecond and nanosecond, either byte order) and pcapng (section, interface, enhanced, simple and
 * obsolete packet blocks; other blocks skipped) from a file or standard input in pure Java, through one large
 * buffer, copying each packet once into the reused frame. A large file is read a chunk ahead on a second thread
 * ({@link ReadAhead}). A malformed or truncated file ends with an {@link RtcException} (exit 2) that names the
 * offset and what was wrong.
 */
public final class CaptureFileReader implements PacketSource {
    private static final int BUFFER = 1 << 20;
    private static final int PCAP_USEC = 0xA1B2C3D4;
    private static final int PCAP_NSEC = 0xA1B23C4D;
    private static final int PCAPNG_SHB = 0x0A0D0D0A;
    /** Files at least this large are read ahead on a thread of their own; smaller ones and pipes are not. */
    static final long READ_AHEAD_SIZE = 8 << 20;

    private final String name;
    private final ReadableByteChannel channel;
    private final ReadAhead ahead;
    private byte[] buf;
    private final ByteBuffer wrapped;
    private int pos;
    private int limit;
    private long consumed;
    private boolean eof;

    private boolean pcapng;
    private boolean bigEndian;
    private boolean nanos;
    private int linkType;
    private int snapLength;
    private final List<long[]> interfaces = new ArrayList<>();
    private boolean interfaceSeen;

    private CaptureFileReader(String name, ReadableByteChannel channel, boolean readAhead) throws IOException {
        this.name = name;
        this.channel = channel;
        this.ahead = readAhead ? new ReadAhead(channel, name) : null;
        this.buf = readAhead ? new byte[0] : new byte[BUFFER];
        this.wrapped = readAhead ? null : ByteBuffer.wrap(buf);
        try {
            readHeader();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void readHeader() throws IOException {
        if (!fill(4)) {
            throw bad(limit == pos ? "is empty" : "is too short to be a capture file (" + (limit - pos) + " bytes)");
        }
        int magicBe = be32(pos);
        int magicLe = Integer.reverseBytes(magicBe);
        if (magicBe == PCAPNG_SHB) {
            pcapng = true;
            readPcapngBlock(null);
            // read on to the first interface description, which gives the link type (packets come after it)
            while (interfaces.isEmpty() && fill(12) && blockType() != 6 && blockType() != 2 && blockType() != 3) {
                readPcapngBlock(null);
            }
        } else if (magicBe == PCAP_USEC || magicBe == PCAP_NSEC || magicLe == PCAP_USEC || magicLe == PCAP_NSEC) {
            pcapng = false;
            bigEndian = magicBe == PCAP_USEC || magicBe == PCAP_NSEC;
            nanos = (bigEndian ? magicBe : magicLe) == PCAP_NSEC;
            if (!fill(24)) {
                throw bad("ends inside the pcap file header (" + (limit - pos) + " of 24 bytes)");
            }
            snapLength = i32(pos + 16);
            linkType = i32(pos + 20) & 0x0FFF_FFFF;
            skip(24);
        } else {
            throw bad(String.format("is not a pcap or pcapng file (it starts with %02x %02x %02x %02x)",
                    buf[pos], buf[pos + 1], buf[pos + 2], buf[pos + 3]));
        }
    }

    /** Opens a file, or standard input for "-". */
    public static CaptureFileReader open(String file, InputStream stdin) throws IOException {
        return open(file, stdin, null);
    }

    /** @param readAhead whether to read on a second thread; null: for files of {@link #READ_AHEAD_SIZE} or more */
    static CaptureFileReader open(String file, InputStream stdin, Boolean readAhead) throws IOException {
        if (file.equals("-")) {
            return new CaptureFileReader("standard input", Channels.newChannel(stdin), Boolean.TRUE.equals(readAhead));
        }
        try {
            FileChannel channel = FileChannel.open(Path.of(file), StandardOpenOption.READ);
            boolean ahead;
            try {
                ahead = readAhead != null ? readAhead : channel.size() >= READ_AHEAD_SIZE;
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new CaptureFileReader(file, channel, ahead);
        } catch (NoSuchFileException e) {
            throw new RtcException(Exit.USAGE, file + ": no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new RtcException(Exit.FAILURE, file + ": permission denied");
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("directory")) {
                throw new RtcException(Exit.USAGE, file + ": is a directory");
            }
            throw e;
        }
    }

    @Override
    public int linkType() {
        return linkType;
    }

    @Override
    public boolean nanosecond() {
        return nanos;
    }

    @Override
    public int snapLength() {
        return snapLength <= 0 ? Frame.MAX_LENGTH : snapLength;
    }

    @Override
    public boolean next(Frame frame, long number) throws IOException {
        if (pcapng) {
            while (true) {
                if (!fill(1)) {
                    return false;
                }
                if (readPcapngBlock(frame) && frameLoaded) {
                    frameLoaded = false;
                    frame.loaded(number, pendingTime, pendingWire, pendingLink, pendingCaptured);
                    return true;
                }
            }
        }
        if (limit - pos < 16) {
            if (!fill(1)) {
                return false;
            }
            if (!fill(16)) {
                throw truncated("record header", 16);
            }
        }
        byte[] b = buf;
        int q = pos;
        long sec;
        long frac;
        int captured;
        int wire;
        if (bigEndian) {
            sec = be32(q) & 0xFFFF_FFFFL;
            frac = be32(q + 4) & 0xFFFF_FFFFL;
            captured = be32(q + 8);
            wire = be32(q + 12);
        } else {
            sec = (b[q] & 0xFF | (b[q + 1] & 0xFF) << 8 | (b[q + 2] & 0xFF) << 16 | (long) (b[q + 3] & 0xFF) << 24);
            frac = (b[q + 4] & 0xFF | (b[q + 5] & 0xFF) << 8 | (b[q + 6] & 0xFF) << 16
                    | (long) (b[q + 7] & 0xFF) << 24);
            captured = b[q + 8] & 0xFF | (b[q + 9] & 0xFF) << 8 | (b[q + 10] & 0xFF) << 16 | (b[q + 11] & 0xFF) << 24;
            wire = b[q + 12] & 0xFF | (b[q + 13] & 0xFF) << 8 | (b[q + 14] & 0xFF) << 16 | (b[q + 15] & 0xFF) << 24;
        }
        if (captured < 0 || captured > Frame.MAX_LENGTH) {
            throw bad("has a packet record at byte " + (consumed + pos) + " claiming " + Integer.toUnsignedString(
                    captured) + " captured bytes (more than " + Frame.MAX_LENGTH + "): the file is corrupt");
        }
        skip(16);
        if (limit - pos < captured && !fill(captured)) {
            throw truncated("packet data", captured);
        }
        byte[] dst = frame.buffer(captured);
        System.arraycopy(buf, pos, dst, 0, captured);
        skip(captured);
        long t = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
        frame.loaded(number, t, wire, linkType, captured);
        return true;
    }

    private boolean frameLoaded;
    private long pendingTime;
    private int pendingWire;
    private int pendingLink;
    private int pendingCaptured;

    /** Reads one pcapng block; for a packet block with a frame to fill, fills it and sets frameLoaded. */
    private boolean readPcapngBlock(Frame frame) throws IOException {
        if (!fill(12)) {
            throw truncated("pcapng block header", 12);
        }
        int typeBe = be32(pos);
        if (typeBe == PCAPNG_SHB) {
            int bom = be32(pos + 8);
            if (bom == 0x1A2B3C4D) {
                bigEndian = true;
            } else if (bom == 0x4D3C2B1A) {
                bigEndian = false;
            } else {
                throw bad("has a pcapng section header at byte " + (consumed + pos)
                        + " with an unknown byte-order magic");
            }
            interfaces.clear();
        }
        int type = i32(pos);
        long total = i32(pos + 4) & 0xFFFF_FFFFL;
        if (total < 12 || total % 4 != 0 || total > Frame.MAX_LENGTH + 4096L) {
            throw bad("has a pcapng block at byte " + (consumed + pos) + " with a bad length (" + total + ")");
        }
        int len = (int) total;
        if (!fill(len)) {
            throw truncated("pcapng block", len);
        }
        int b = pos + 8;
        int bodyEnd = pos + len - 4;
        if (i32(bodyEnd) != len) {
            throw bad("has a pcapng block at byte " + (consumed + pos) + " whose trailing length ("
                    + i32(bodyEnd) + ") differs from its leading length (" + len + ")");
        }
        switch (type) {
            case 1 -> {
                if (bodyEnd - b < 8) {
                    throw bad("has a pcapng interface block too short");
                }
                int link = u16(b);
                int snap = i32(b + 4);
                long resolution = 1_000_000L;
                int o = b + 8;
                while (bodyEnd - o >= 4) {
                    int code = u16(o);
                    int olen = u16(o + 2);
                    if (code == 0 || o + 4 + olen > bodyEnd) {
                        break;
                    }
                    if (code == 9 && olen >= 1) {
                        int r = buf[o + 4] & 0xFF;
                        resolution = (r & 0x80) != 0 ? 1L << Math.min(62, r & 0x7F) : pow10(r);
                    }
                    o += 4 + ((olen + 3) & ~3);
                }
                if (interfaces.isEmpty() && !interfaceSeen) {
                    interfaceSeen = true;
                    linkType = link;
                    snapLength = snap;
                }
                if (resolution > 1_000_000L) {
                    nanos = true;
                }
                interfaces.add(new long[] {link, resolution, snap});
            }
            case 6, 2 -> {
                if (bodyEnd - b < 20) {
                    throw bad("has a pcapng packet block at byte " + (consumed + pos) + " too short");
                }
                int ifc = type == 6 ? i32(b) : u16(b);
                if (ifc < 0 || ifc >= interfaces.size()) {
                    throw bad("has a packet for interface " + ifc + " which was never described");
                }
                long hi = i32(b + 4) & 0xFFFF_FFFFL;
                long lo = i32(b + 8) & 0xFFFF_FFFFL;
                int captured = i32(b + 12);
                int wire = i32(b + 16);
                if (captured < 0 || b + 20 + captured > bodyEnd) {
                    throw bad("has a packet block at byte " + (consumed + pos) + " whose captured length ("
                            + captured + ") exceeds the block");
                }
                if (frame != null) {
                    long[] i = interfaces.get(ifc);
                    long units = (hi << 32) | lo;
                    pendingTime = toNanos(units, i[1]);
                    load(frame, b + 20, captured, wire, (int) i[0]);
                }
            }
            case 3 -> {
                if (interfaces.isEmpty()) {
                    throw bad("has a simple packet block before any interface block");
                }
                int wire = i32(b);
                long[] i = interfaces.get(0);
                int captured = Math.min(wire, bodyEnd - b - 4);
                if (i[2] > 0) {
                    captured = (int) Math.min(captured, i[2]);
                }
                if (frame != null) {
                    pendingTime = 0;
                    load(frame, b + 4, Math.max(0, captured), wire, (int) i[0]);
                }
            }
            default -> {
            }
        }
        skip(len);
        return true;
    }

    private void load(Frame frame, int off, int captured, int wire, int link) {
        byte[] dst = frame.buffer(captured);
        System.arraycopy(buf, off, dst, 0, captured);
        pendingWire = wire;
        pendingLink = link;
        pendingCaptured = captured;
        frameLoaded = true;
    }

    private static long toNanos(long units, long perSecond) {
        if (perSecond == 1_000_000_000L) {
            return units;
        }
        long sec = units / perSecond;
        long rest = units % perSecond;
        return sec * 1_000_000_000L + (long) (rest * (1e9 / perSecond));
    }

    private static long pow10(int e) {
        long v = 1;
        for (int i = 0; i < Math.min(e, 18); i++) {
            v *= 10;
        }
        return v;
    }

    private int blockType() {
        return i32(pos);
    }

    private RtcException truncated(String what, int need) {
        return bad("is cut short: the " + what + " at byte " + (consumed + pos) + " needs " + need
                + " bytes but only " + (limit - pos) + " remain");
    }

    private RtcException bad(String what) {
        return new RtcException(Exit.USAGE, name + " " + what);
    }

    /** Makes sure n bytes are buffered from pos; false at a clean end of input before n bytes. */
    private boolean fill(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (ahead != null) {
            return fillAhead(n);
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            consumed += pos;
            limit -= pos;
            pos = 0;
        }
        while (limit < n && !eof) {
            wrapped.limit(buf.length).position(limit);
            int r = channel.read(wrapped);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
        return limit - pos >= n;
    }

    /** fill() from chunks read ahead: the unread bytes move in front of the next chunk's data, nothing else. */
    private boolean fillAhead(int n) throws IOException {
        while (limit - pos < n && !eof) {
            ReadAhead.Chunk c = ahead.next();
            if (c.bytes() == null) {
                eof = true;
                break;
            }
            int rest = limit - pos;
            int start = ReadAhead.HEAD - rest;
            System.arraycopy(buf, pos, c.bytes(), start, rest);
            consumed += pos - start;
            ahead.recycle(buf);
            buf = c.bytes();
            pos = start;
            limit = ReadAhead.HEAD + c.length();
        }
        return limit - pos >= n;
    }

    private void skip(int n) {
        pos += n;
    }

    private int be32(int off) {
        return ((buf[off] & 0xFF) << 24) | ((buf[off + 1] & 0xFF) << 16) | ((buf[off + 2] & 0xFF) << 8)
                | (buf[off + 3] & 0xFF);
    }

    private int i32(int off) {
        int v = be32(off);
        return bigEndian ? v : Integer.reverseBytes(v);
    }

    private int u16(int off) {
        int v = ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF);
        return bigEndian ? v : ((v & 0xFF) << 8) | (v >> 8);
    }

    @Override
    public void close() throws IOException {
        if (ahead != null) {
            ahead.close();
        } else {
            channel.close();
        }
    }
}
