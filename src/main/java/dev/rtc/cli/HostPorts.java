package dev.rtc.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code HOST[:PORT]} option values: {@code 192.0.2.1}, {@code 192.0.2.1:3478}, {@code [2001:db8::1]:3478}. */
final class HostPorts {
    private HostPorts() {
    }

    /** The host part and port of a value (port {@code defaultPort} when absent); bad syntax is a usage error. */
    static String[] split(CommandSpec spec, String option, String text, int defaultPort) {
        String host = text.trim();
        String port = null;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                throw bad(spec, option, text, "missing ']'");
            }
            String rest = host.substring(close + 1);
            host = host.substring(1, close);
            if (rest.startsWith(":")) {
                port = rest.substring(1);
            } else if (!rest.isEmpty()) {
                throw bad(spec, option, text, "unexpected text after ']'");
            }
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            port = host.substring(host.indexOf(':') + 1);
            host = host.substring(0, host.indexOf(':'));
        }
        if (host.isEmpty()) {
            throw bad(spec, option, text, "no host");
        }
        int p = defaultPort;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw bad(spec, option, text, "port '" + port + "' is not a number");
            }
            if (p < 1 || p > 65535) {
                throw bad(spec, option, text, "port " + p + " is outside 1-65535");
            }
        }
        return new String[] {host, Integer.toString(p)};
    }

    /** A value that must be a literal IP address (or localhost), never a name looked up in DNS. */
    static InetSocketAddress literal(CommandSpec spec, String option, String text, int defaultPort) {
        String[] hp = split(spec, option, text, defaultPort);
        if (!hp[0].equalsIgnoreCase("localhost") && !hp[0].matches("[0-9.]+|[0-9a-fA-F:.%]*:[0-9a-fA-F:.%]*")) {
            throw bad(spec, option, text, "an IP address is needed");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(hp[0]), Integer.parseInt(hp[1]));
        } catch (UnknownHostException e) {
            throw bad(spec, option, text, "not an IP address");
        }
    }

    private static ParameterException bad(CommandSpec spec, String option, String text, String why) {
        return new ParameterException(spec.commandLine(), "invalid value for " + option + ": '" + text + "': " + why);
    }
}
