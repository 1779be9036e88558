package dev.rtc.cli;

import dev.rtc.net.Durations;
import dev.rtc.turn.CredentialSource;
import dev.rtc.turn.TurnCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The TURN credential options of every command that uses TURN servers: a long-term username with its password from
 * an option, a file or {@value #CREDENTIAL_ENV}, or coturn REST-API credentials minted from a shared secret.
 */
public final class TurnCredentialOptions {
    /** The environment variable a long-term password may come from. */
    static final String CREDENTIAL_ENV = "RTC_TURN_CREDENTIAL";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "TURN username (long-term credential).")
    String username;

    @Option(names = "--credential", paramLabel = "PASSWORD",
            description = "TURN password (visible in the process list: prefer --credential-file or "
                    + CREDENTIAL_ENV + ").")
    String credential;

    @Option(names = "--credential-file", paramLabel = "FILE", description = "Read the TURN password from FILE"
            + " (first line).")
    Path credentialFile;

    @Option(names = "--secret", paramLabel = "SECRET",
            description = "coturn REST-API shared secret (static-auth-secret): mint time-limited credentials.")
    String secret;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "Read the REST-API secret from FILE.")
    Path secretFile;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "1h",
            description = "Lifetime of minted REST credentials: 90s, 30m, 12h, 1d (default: ${DEFAULT-VALUE})."
                    + " DURATION: " + Durations.SYNTAX + ".")
    Duration ttl;

    @Option(names = "--user", paramLabel = "NAME",
            description = "The user part of minted REST usernames (expiry:NAME); without it, the bare expiry.")
    String restUser;

    /** The TURN credentials for a request made now; null for none. */
    TurnCredentials credentials(Map<String, String> env) {
        CredentialSource source = source(env);
        return source == null ? null : source.credentials(Instant.now());
    }

    /**
     * Where the credentials come from (REST credentials are minted anew each time they are asked for); null for
     * none. Contradictory or incomplete options are a usage error.
     */
    CredentialSource source(Map<String, String> env) {
        boolean rest = secret != null || secretFile != null;
        if (secret != null && secretFile != null) {
            throw usage("--secret and --secret-file exclude each other");
        }
        if (credential != null && credentialFile != null) {
            throw usage("--credential and --credential-file exclude each other");
        }
        if (rest) {
            if (username != null || credential != null || credentialFile != null) {
                throw usage("REST credentials (--secret, --secret-file) exclude -u/--credential/--credential-file");
            }
            String s = secret != null ? secret : readSecret(secretFile, "--secret-file");
            if (s.isEmpty()) {
                throw usage("the REST-API secret is empty");
            }
            return new CredentialSource.Rest(s, restUser, ttl);
        }
        if (restUser != null) {
            throw usage("--user names the user of minted REST credentials; it needs --secret or --secret-file"
                    + " (for a long-term credential use -u)");
        }
        String password = credential != null ? credential
                : credentialFile != null ? readSecret(credentialFile, "--credential-file")
                : env.get(CREDENTIAL_ENV);
        if (username == null) {
            if (credential != null || credentialFile != null) {
                throw usage("a TURN password needs a username: add -u USER");
            }
            return null;
        }
        if (password == null) {
            throw usage("-u " + username + " needs a password: --credential, --credential-file or "
                    + CREDENTIAL_ENV);
        }
        return new CredentialSource.Fixed(new TurnCredentials(username, password));
    }

    private String readSecret(Path file, String option) {
        try {
            return CredentialSource.firstLine(file);
        } catch (IOException e) {
            throw usage(option + " " + file + ": cannot read the file");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
