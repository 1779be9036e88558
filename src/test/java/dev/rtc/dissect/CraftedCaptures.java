package dev.rtc.dissect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The dissector tests' crafted captures ({@link TestPcaps}) for tests of other packages, written to a directory. */
public final class CraftedCaptures {
    private CraftedCaptures() {
    }

    /** Writes every crafted capture into the directory and returns their paths. */
    public static List<Path> writeAll(Path dir) throws IOException {
        return write(dir, TestPcaps.all());
    }

    /** Writes the crafted TLS and DTLS captures ({@link TlsPcaps}) into the directory and returns their paths. */
    public static List<Path> writeTls(Path dir) throws IOException {
        return write(dir, TlsPcaps.all());
    }

    private static List<Path> write(Path dir, List<Object[]> captures) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Object[] c : captures) {
            @SuppressWarnings("unchecked")
            List<byte[]> frames = (List<byte[]>) c[2];
            out.add(TestPcaps.write(dir.resolve((String) c[0]), (Integer) c[1], frames));
        }
        return out;
    }
}
