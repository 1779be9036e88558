package dev.rtc.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.testing.CliRun;
import dev.rtc.testing.Requires;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Broken capture files: each ends with one clear line on stderr and exit 2, after the frames that could be read,
 * never a stack trace or a hang.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MalformedCaptureTest {
    static final Path UDP = Path.of("src/test/resources/corpus/turn-udp-session.pcap");

    @TempDir
    Path tmp;

    private CliRun read(byte[] content) throws IOException {
        Path f = tmp.resolve("broken.pcap");
        Files.write(f, content);
        return CliRun.run("capture", "-r", f.toString());
    }

    private static void oneLineExit2(CliRun r, String message) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
    }

    @Test
    void emptyFile() throws IOException {
        oneLineExit2(read(new byte[0]), "is empty");
    }

    @Test
    void notACaptureFile() throws IOException {
        oneLineExit2(read("GET / HTTP/1.1\r\n\r\n".getBytes()), "is not a pcap or pcapng file (it starts with 47 45 54 20)");
    }

    @ParameterizedTest
    @CsvSource({"10, ends inside the pcap file header", "30, is cut short: the record header at byte 24",
        "5000, is cut short: the packet data at byte"})
    void truncatedPcap(int length, String message) throws IOException {
        byte[] whole = Files.readAllBytes(UDP);
        CliRun r = read(Arrays.copyOf(whole, length));
        oneLineExit2(r, message);
    }

    @Test
    void framesBeforeTheCutArePrinted() throws IOException {
        CliRun r = read(Arrays.copyOf(Files.readAllBytes(UDP), 5000));
        assertThat(r.out().lines().count()).isGreaterThan(10);
        assertThat(r.out()).startsWith("    1   0.000000");
    }

    @Test
    void recordClaimingAHugeLength() throws IOException {
        byte[] b = Arrays.copyOf(Files.readAllBytes(UDP), 200);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 8, 0x7FFF_FFF0);
        oneLineExit2(read(b), "claiming 2147483632 captured bytes");
    }

    @Test
    void brokenPcapng() throws Exception {
        Requires.commands("editcap");
        Path ng = tmp.resolve("ok.pcapng");
        assertThat(new ProcessBuilder("editcap", "-F", "pcapng", UDP.toString(), ng.toString()).start().waitFor())
                .isZero();
        byte[] whole = Files.readAllBytes(ng);
        oneLineExit2(read(Arrays.copyOf(whole, whole.length - 7)), "is cut short");
        byte[] badLength = whole.clone();
        // the section header block's length, then a block whose length is not a multiple of 4
        int shb = ByteBuffer.wrap(whole).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
        ByteBuffer.wrap(badLength).order(ByteOrder.LITTLE_ENDIAN).putInt(shb + 4, 13);
        oneLineExit2(read(badLength), "with a bad length (13)");
    }

    @Test
    void directoryAndMissingFile() {
        oneLineExit2(CliRun.run("capture", "-r", tmp.toString()), "is a directory");
        oneLineExit2(CliRun.run("capture", "-r", tmp.resolve("none.pcap").toString()), "no such file");
    }

    /** Seeded random files, with and without a valid pcap or pcapng header: exit 0 or 2, never a trace. */
    @Test
    void randomBytes() throws IOException {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        byte[] header = Arrays.copyOf(Files.readAllBytes(UDP), 24);
        for (int i = 0; i < 150; i++) {
            byte[] body = new byte[rnd.nextInt(600)];
            rnd.nextBytes(body);
            if (i % 3 == 0) {
                System.arraycopy(header, 0, body = Arrays.copyOf(header, 24 + body.length), 0, 24);
                for (int k = 24; k + 16 < body.length; k += 60) {
                    ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).putInt(k + 8, 44).putInt(k + 12, 44);
                }
            } else if (i % 3 == 1 && body.length > 12) {
                ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x0A0D0D0A).putInt(8, 0x1A2B3C4D);
            }
            CliRun r = read(body);
            assertThat(r.exit()).as("seed %d file %d: %s", seed, i, r).isIn(0, 2);
            assertThat(r.err()).as("seed %d file %d", seed, i).doesNotContain("Exception").doesNotContain("\tat ");
            if (r.exit() == 2) {
                assertThat(r.err().lines().count()).as("seed %d file %d: %s", seed, i, r).isEqualTo(1);
            }
        }
    }
}
