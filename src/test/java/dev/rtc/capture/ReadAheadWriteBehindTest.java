package dev.rtc.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtc.RtcException;
import dev.rtc.dissect.Fields;
import dev.rtc.dissect.Frame;
import dev.rtc.testing.Requires;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second threads of a file capture: reading a large file a chunk ahead gives exactly the frames, and the
 * errors at exactly the offsets, that reading it in line does; writing behind gives the same file and reports a
 * failed write to the caller.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReadAheadWriteBehindTest {
    @TempDir
    Path tmp;

    /** A frame as read: number, time, lengths, link type and bytes, comparable as a string. */
    private static String describe(Frame f) {
        return f.number() + " " + f.timeNanos() + " " + f.wireLength() + " " + f.linkType() + " "
                + Arrays.hashCode(Arrays.copyOf(f.data(), f.capturedLength())) + " " + f.capturedLength();
    }

    /** Every frame of the file, then the error that ended it (or "end"). */
    private static List<String> read(Path file, boolean ahead) throws IOException {
        List<String> out = new ArrayList<>();
        Frame frame = new Frame(Fields.registry());
        try (CaptureFileReader r = CaptureFileReader.open(file.toString(), InputStream.nullInputStream(), ahead)) {
            long n = 0;
            while (r.next(frame, ++n)) {
                out.add(describe(frame));
            }
            out.add("end");
        } catch (RtcException e) {
            out.add("error: " + e.getMessage());
        }
        return out;
    }

    /**
     * A pcap of random frames from 14 bytes to the largest rtc keeps, several megabytes, so that records and the
     * largest ones cross the read-ahead chunks' boundaries.
     */
    private Path bigPcap(boolean nanos) throws IOException {
        Random random = new Random(5);
        Path file = tmp.resolve(nanos ? "big-ns.pcap" : "big.pcap");
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(file), 1, Frame.MAX_LENGTH, nanos)) {
            Frame f = new Frame(Fields.registry());
            for (int i = 1; i <= 3000; i++) {
                int len = i % 500 == 0 ? Frame.MAX_LENGTH : 14 + random.nextInt(i % 7 == 0 ? 9000 : 1500);
                byte[] b = new byte[len];
                random.nextBytes(b);
                f.load(i, 1_700_000_000_000_000_000L + i * 1_234_567L, len + random.nextInt(3), 1, b, 0, len);
                w.write(f);
            }
        }
        assertThat(Files.size(file)).isGreaterThan(3L * (1 << 20));
        return file;
    }

    @Test
    void aheadReadsTheSameFramesAsInLine() throws IOException {
        for (Path file : List.of(bigPcap(false), bigPcap(true))) {
            List<String> inLine = read(file, false);
            assertThat(inLine).hasSize(3001).endsWith("end");
            assertThat(read(file, true)).isEqualTo(inLine);
        }
    }

    /** The same packets as pcapng (editcap writes it): section, interface and enhanced packet blocks. */
    @Test
    void aheadReadsPcapngAsInLine() throws Exception {
        Requires.commands("editcap");
        Path pcap = bigPcap(true);
        Path ng = tmp.resolve("big.pcapng");
        assertThat(new ProcessBuilder("editcap", "-F", "pcapng", pcap.toString(), ng.toString()).inheritIO().start()
                .waitFor()).isZero();
        List<String> inLine = read(ng, false);
        assertThat(inLine).hasSize(3001).endsWith("end").isEqualTo(read(pcap, false));
        assertThat(read(ng, true)).isEqualTo(inLine);
        byte[] whole = Files.readAllBytes(ng);
        Path cut = tmp.resolve("cut.pcapng");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2 + 3));
        List<String> cutInLine = read(cut, false);
        assertThat(cutInLine.get(cutInLine.size() - 1)).contains("is cut short: the pcapng block at byte");
        assertThat(read(cut, true)).isEqualTo(cutInLine);
    }

    @Test
    void aheadReadsTheCorpusAsInLine() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/corpus"))) {
            for (Path file : files.filter(p -> p.toString().matches(".*\\.pcap(ng)?")).toList()) {
                List<String> inLine = read(file, false);
                assertThat(inLine.size()).as(file.toString()).isGreaterThan(1);
                assertThat(read(file, true)).as(file.toString()).isEqualTo(inLine);
            }
        }
    }

    /** Cut inside a record far into the file, or corrupt a record's length: same frames, same message, same offset. */
    @Test
    void aheadFailsWhereInLineFails() throws IOException {
        byte[] whole = Files.readAllBytes(bigPcap(false));
        Path cut = tmp.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(whole, whole.length * 2 / 3));
        List<String> inLine = read(cut, false);
        assertThat(inLine.get(inLine.size() - 1)).contains("is cut short: the packet data at byte");
        assertThat(read(cut, true)).isEqualTo(inLine);

        // the 1000th record's captured length made huge
        int at = 24;
        for (int i = 1; i < 1000; i++) {
            at += 16 + (whole[at + 8] & 0xFF | (whole[at + 9] & 0xFF) << 8 | (whole[at + 10] & 0xFF) << 16);
        }
        byte[] corrupt = whole.clone();
        corrupt[at + 11] = 0x7F;
        Path bad = tmp.resolve("corrupt.pcap");
        Files.write(bad, corrupt);
        List<String> badInLine = read(bad, false);
        assertThat(badInLine).hasSize(1000);
        assertThat(badInLine.get(999)).contains("has a packet record at byte " + at);
        assertThat(read(bad, true)).isEqualTo(badInLine);
    }

    @Test
    void writeBehindWritesWhatWasHandedOver() throws IOException {
        Path file = bigPcap(false);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        Frame frame = new Frame(Fields.registry());
        try (CaptureFileReader r = CaptureFileReader.open(file.toString(), InputStream.nullInputStream(), true);
             PcapWriter w = new PcapWriter(copy, r.linkType(), r.snapLength(), r.nanosecond())) {
            long n = 0;
            while (r.next(frame, ++n)) {
                w.write(frame);
            }
            assertThat(w.written()).isEqualTo(3000);
        }
        assertThat(copy.toByteArray()).isEqualTo(Files.readAllBytes(file));
    }

    /** A disk that fills up: the write that meets the failure, or the close after it, reports it; no hang. */
    @Test
    void writeBehindReportsAFailedWrite() {
        OutputStream full = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 2_000_000) {
                    throw new IOException("No space left on device");
                }
            }
        };
        assertThatThrownBy(() -> {
            try (PcapWriter w = new PcapWriter(full, 1, 65535, false)) {
                Frame f = new Frame(Fields.registry());
                byte[] b = new byte[1000];
                for (int i = 1; i <= 10_000; i++) {
                    f.load(i, i, b.length, 1, b, 0, b.length);
                    w.write(f);
                }
            }
        }).isInstanceOf(IOException.class).hasMessage("No space left on device");
    }
}
