package dev.rtc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Preconditions of integration tests (root, installed programs). Without them a test is skipped with a message,
 * except when {@code CI} is set: there a missing precondition is a failure, so CI never passes by skipping.
 */
public final class Requires {
    private Requires() {
    }

    public static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false");
    }

    /** Skips (or fails under CI) unless running as root. */
    public static void root() {
        check(isRoot(), "needs root");
    }

    /** Skips (or fails under CI) unless every program is on the PATH (or under /usr/sbin, /sbin). */
    public static void commands(String... names) {
        for (String n : names) {
            check(which(n) != null, "needs the program '" + n + "' (./install.sh --test installs it)");
        }
    }

    /** The full path of a program, or null. */
    public static String which(String name) {
        String path = System.getenv("PATH") == null ? "" : System.getenv("PATH");
        for (String dir : (path + ":/usr/sbin:/sbin:/usr/bin:/bin").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void check(boolean ok, String why) {
        if (ok) {
            return;
        }
        if (inCi()) {
            fail("precondition not met under CI: " + why);
        }
        Assumptions.assumeTrue(false, "skipped: " + why);
    }
}
