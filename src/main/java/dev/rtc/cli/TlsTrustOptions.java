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

    /**
     * The TLS context for an https:// signal server: the system's trust, or --ca-file's. --insecure is refused
     * there: the JDK's HTTP client checks names in any case, so it could not keep that promise.
     */
    javax.net.ssl.SSLContext httpsContext() {
        if (insecure) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--insecure applies to turns:/stuns: servers, not to an https:// signal server (use --ca-file)");
        }
        if (caFile == null) {
            return null;
        }
        try {
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(TlsOptions.loadCertificates(caFile));
            javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--ca-file " + caFile + ": " + e.getMessage());
        }
    }

    /** The TLS settings for a server of this name. */
    TlsOptions forHost(String host) throws IOException {
        return TlsOptions.forServer(host, insecure, caFile);
    }
}
