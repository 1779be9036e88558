package dev.rtc.cli;

import dev.rtc.net.Addresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Address option values of the NAT commands, as usage errors (exit 2) when they do not parse. */
final class HostPorts {
    private HostPorts() {
    }

    /** {@code HOST[:PORT]}, not resolved yet. */
    static Addresses.HostPort parse(CommandSpec spec, String option, String text, int defaultPort) {
        try {
            return Addresses.parse(text, defaultPort);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid value for " + option + ": " + e.getMessage());
        }
    }

    /** A value that must be a literal IP address (or localhost), never a name looked up in DNS. */
    static InetSocketAddress literal(CommandSpec spec, String option, String text, int defaultPort) {
        Addresses.HostPort hp = parse(spec, option, text, defaultPort);
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
}
