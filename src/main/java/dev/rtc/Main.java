package dev.rtc;

import dev.rtc.cli.Cli;

/** The rtc program: builds the command line, runs it, and exits with its code (the only System.exit). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(args));
    }
}
