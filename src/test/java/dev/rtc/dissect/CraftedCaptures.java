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
        List<Path> out = new ArrayList<>();
        for (Object[] c : TestPcaps.all()) {
            @SuppressWarnings("unchecked")
            List<byte[]> frames = (List<byte[]>) c[2];
            out.add(TestPcaps.write(dir.resolve((String) c[0]), (Integer) c[1], frames));
        }
        return out;
    }
}
