package dev.rtc.cli;

import dev.rtc.net.TlsOptions;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How the commands that take turns:/stuns: URIs check a server's certificate: --insecure or --ca-file. */
public final class TlsTrustOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--insecure", description = "turns:/stuns: accept any certificate and any name.")
    boolean insecure;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "turns:/stuns: trust the certificates in FILE (PEM) instead of the system's.")
    Path caFile;

    /** A usage error unless the two options make sense together and the CA file can be read. */
    void check() {
        OptionValues.trust(spec, insecure, caFile);
    }

    /** The TLS settings for a server of this name. */
    TlsOptions forHost(String host) throws IOException {
        if (insecure) {
            return TlsOptions.insecure(host);
        }
        return caFile == null ? TlsOptions.checked(host) : TlsOptions.trusting(host, caFile);
    }
}
