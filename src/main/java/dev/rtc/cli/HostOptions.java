package dev.rtc.cli;

import dev.rtc.Exit;
import dev.rtc.RtcException;
import dev.rtc.ice.HostAddresses;
import java.net.SocketException;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --include-loopback}, {@code --family} and {@code --interface}: the local addresses of host candidates. */
public final class HostOptions {
    @Option(names = "--include-loopback", description = "Also gather from loopback and link-local addresses.")
    boolean includeLoopback;

    @Option(names = "--family", paramLabel = "4|6|both", defaultValue = "both",
            description = "Address families of host candidates and of server addresses looked up by name"
                    + " (default: ${DEFAULT-VALUE}).")
    String family;

    @Option(names = "--interface", paramLabel = "NAME",
            description = "Gather from this interface only (naming the loopback interface includes it).")
    String interfaceName;

    /** The --family asked for (exit 2 on anything but 4, 6 or both). */
    HostAddresses.Family family(CommandSpec spec) {
        return switch (family) {
            case "4" -> HostAddresses.Family.V4;
            case "6" -> HostAddresses.Family.V6;
            case "both" -> HostAddresses.Family.BOTH;
            default -> throw new ParameterException(spec.commandLine(),
                    "--family must be 4, 6 or both, not '" + family + "'");
        };
    }

    /** This machine's addresses that the options choose. */
    List<HostAddresses.HostAddress> hosts(CommandSpec spec) {
        HostAddresses.Family fam = family(spec);
        List<HostAddresses.Nic> nics;
        try {
            nics = HostAddresses.system();
        } catch (SocketException e) {
            throw new RtcException(Exit.FAILURE, "cannot list network interfaces: " + e.getMessage(), e);
        }
        if (interfaceName != null && nics.stream().noneMatch(n -> n.name().equals(interfaceName))) {
            throw new ParameterException(spec.commandLine(), "--interface " + interfaceName
                    + ": no such interface (have: " + String.join(", ", HostAddresses.names(nics)) + ")");
        }
        return HostAddresses.choose(nics, fam, interfaceName, includeLoopback);
    }
}
