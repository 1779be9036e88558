package dev.rtc.cli;

import dev.rtc.net.Addresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Option values that need parsing beyond a type converter (addresses, trust options): a value that does not parse is a usage error (exit 2)
 * naming the option and what is wrong.
 */
final class OptionValues {
    private OptionValues() {
    }

    /** {@code HOST[:PORT]}, not resolved yet. */
    static Addresses.HostPort hostPort(CommandSpec spec, String option, String text, int defaultPort) {
        try {
            return Addresses.parse(text, defaultPort);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid value for " + option + ": " + e.getMessage());
        }
    }

    /** A value that must be a literal IP address (or localhost), never a name looked up in DNS. */
    static InetSocketAddress literal(CommandSpec spec, String option, String text, int defaultPort) {
        Addresses.HostPort hp = hostPort(spec, option, text, defaultPort);
        String h = hp.host();
        if (!h.equalsIgnoreCase("localhost") && !h.matches("[0-9.]+") && h.indexOf(':') < 0) {
            throw new ParameterException(spec.commandLine(), "invalid value for " + option + ": '" + text
                    + "': an IP address is needed");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(h), hp.port());
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "invalid value for " + option + ": '" + text
                    + "' is not an IP address");
        }
    }

    /**
     * Checks --insecure and --ca-file together, the same way in every command that takes them: they exclude each
     * other, and the file must be there and readable before anything is sent.
     */
    static void trust(CommandSpec spec, boolean insecure, java.nio.file.Path caFile) {
        if (insecure && caFile != null) {
            throw new ParameterException(spec.commandLine(), "--insecure and --ca-file exclude each other");
        }
        if (caFile != null && !java.nio.file.Files.isReadable(caFile)) {
            throw new ParameterException(spec.commandLine(), "--ca-file " + caFile + ": "
                    + (java.nio.file.Files.exists(caFile) ? "cannot read the file" : "no such file"));
        }
    }

    /** A count option ({@code --max-rooms N}) that must be 1 or more: a usage error in one line otherwise. */
    static void atLeastOne(String option, long n) {
        if (n < 1) {
            throw dev.rtc.RtcException.usage(option + " " + n + ": it must be 1 or more");
        }
    }
}
