package dev.rtc.server;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetSocketAddress;

/**
 * Coverage-guided fuzzing of the server's hot path (Jazzer): for any datagram, {@link FastBinding} decides as
 * {@link BindingResponder} does or leaves it to it ({@link FastBindingCheck}). Replays its seed inputs
 * (src/test/resources/dev/rtc/server/FastBindingFuzzTestInputs/) in a normal run; fuzzes with {@code JAZZER_FUZZ=1}.
 */
class FastBindingFuzzTest {
    private static final ServerAddressSet SET = new ServerAddressSet(new InetSocketAddress("203.0.113.1", 3478),
            new InetSocketAddress("203.0.113.2", 3479), null, null);
    private static final InetSocketAddress SOURCE = new InetSocketAddress("198.51.100.7", 50000);

    @FuzzTest(maxDuration = "30s")
    void fastPathAgreesWithTheResponder(byte[] data) {
        FastBindingCheck.check(SET, data, data.length % 4, SOURCE);
    }
}
