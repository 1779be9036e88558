package dev.rtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtc.dtls.DtlsSession.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Malformed DTLS records never throw out of a session: a server fed mutated handshake records ends with a result,
 * and an established association drops garbage records and goes on carrying data. Seeded random, bounded in count
 * and time; the seed is in every assertion message.
 */
class DtlsRobustnessTest {
    private static final long SEED = Long.getLong("rtc.dtls.seed", System.nanoTime());

    /** Two in-memory endpoints, each one's sends delivered to the other; {@code tap} records the client's. */
    private static DtlsDatagrams[] wire(List<byte[]> tap) {
        DtlsDatagrams[] ends = new DtlsDatagrams[2];
        ends[0] = new DtlsDatagrams(d -> {
            tap.add(d);
            ends[1].datagram(d);
        }, null, () -> { });
        ends[1] = new DtlsDatagrams(d -> ends[0].datagram(d), null, () -> { });
        return ends;
    }

    private static DtlsSession[] connect(DtlsDatagrams[] ends, DtlsCertificate a, DtlsCertificate b)
            throws Exception {
        CompletableFuture<DtlsSession> server = CompletableFuture.supplyAsync(() ->
                DtlsSession.handshake(ends[1], b, a.fingerprint(), Role.SERVER, Duration.ofSeconds(10)));
        DtlsSession client = DtlsSession.handshake(ends[0], a, b.fingerprint(), Role.CLIENT, Duration.ofSeconds(10));
        return new DtlsSession[] {client, server.get(15, TimeUnit.SECONDS)};
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] d;
        switch (random.nextInt(5)) {
            case 0 -> d = java.util.Arrays.copyOf(original, random.nextInt(original.length + 1));
            case 1 -> {
                d = original.clone();
                for (int i = random.nextInt(8) + 1; i > 0; i--) {
                    d[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 2 -> {
                // the record and handshake length fields (offsets 11-12 and 14-16) and the fragment fields
                d = original.clone();
                int at = 11 + random.nextInt(Math.min(14, d.length - 11));
                d[at] = (byte) random.nextInt(256);
            }
            case 3 -> {
                d = java.util.Arrays.copyOf(original, original.length + random.nextInt(64));
                for (int i = original.length; i < d.length; i++) {
                    d[i] = (byte) random.nextInt(256);
                }
            }
            default -> {
                d = new byte[random.nextInt(1500)];
                random.nextBytes(d);
            }
        }
        if (d.length > 0) {
            // keep it in the DTLS range so the demultiplexer hands it to DTLS
            d[0] = (byte) (20 + Math.floorMod(d[0], 44));
        }
        return d;
    }

    @Test
    void aServerFedMutatedHandshakeRecordsEndsWithAResult() throws Exception {
        Random random = new Random(SEED);
        DtlsCertificate a = DtlsCertificate.generate();
        DtlsCertificate b = DtlsCertificate.generate();
        List<byte[]> flight = new CopyOnWriteArrayList<>();
        DtlsSession[] ok = connect(wire(flight), a, b);
        assertThat(ok[0].result().completed()).as("seed %d", SEED).isTrue();
        ok[0].close();
        ok[1].close();
        assertThat(flight).as("the client's records").isNotEmpty();

        for (int round = 0; round < 12; round++) {
            DtlsDatagrams server = new DtlsDatagrams(d -> { }, null, () -> { });
            CompletableFuture<DtlsResult> r = CompletableFuture.supplyAsync(() -> DtlsSession.handshake(server, b,
                    a.fingerprint(), Role.SERVER, Duration.ofMillis(600)).result());
            for (int i = 0; i < 40; i++) {
                server.datagram(mutate(flight.get(random.nextInt(flight.size())), random));
            }
            DtlsResult result = r.get(10, TimeUnit.SECONDS);
            assertThat(result).as("seed %d round %d", SEED, round).isNotNull();
            if (!result.completed()) {
                assertThat(result.cause()).as("seed %d round %d", SEED, round).isNotBlank().doesNotContain("\n");
            }
        }
    }

    @Test
    void anEstablishedAssociationDropsGarbageAndKeepsCarryingData() throws Exception {
        Random random = new Random(SEED);
        DtlsCertificate a = DtlsCertificate.generate();
        DtlsCertificate b = DtlsCertificate.generate();
        List<byte[]> sent = new CopyOnWriteArrayList<>();
        DtlsDatagrams[] ends = wire(sent);
        DtlsSession[] s = connect(ends, a, b);
        try {
            assertThat(s[0].result().cause()).as("seed %d", SEED).isNull();
            assertThat(s[1].result().cause()).as("seed %d", SEED).isNull();
            int before = sent.size();
            s[0].send("real".getBytes(StandardCharsets.US_ASCII));
            byte[] record = sent.get(before);
            assertThat(s[1].receive(Duration.ofSeconds(5))).asString(StandardCharsets.US_ASCII).isEqualTo("real");
            int delivered = 0;
            for (int i = 0; i < 400; i++) {
                // mutations of a genuine epoch-1 record, including replays of it unchanged
                ends[1].datagram(random.nextInt(10) == 0 ? record.clone() : mutate(record, random));
                try {
                    while (s[1].receive(Duration.ofMillis(1)) != null) {
                        delivered++;
                    }
                } catch (IOException e) {
                    throw new AssertionError("seed " + SEED + " datagram " + i + ": " + e, e);
                }
            }
            // the replay window and the AEAD let no forgery or replay through
            assertThat(delivered).as("seed %d", SEED).isZero();
            s[0].send("still here".getBytes(StandardCharsets.US_ASCII));
            assertThat(s[1].receive(Duration.ofSeconds(5))).as("seed %d", SEED).asString(StandardCharsets.US_ASCII)
                    .isEqualTo("still here");
        } finally {
            s[0].close();
            s[1].close();
        }
    }
}
