package io.tracksearch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tracksearch serve | user | import | sync}: the command-line entry point. */
@Command(name = "tracksearch", mixinStandardHelpOptions = true, version = "tracksearch 0.1.0",
        description = "Self-hosted Yandex Tracker issue-search API.",
        subcommands = {ServeCommand.class, UserCommand.class, ImportCommand.class, SyncCommand.class})
public final class Main {
    public static void main(String[] arguments) {
        System.exit(run(arguments));
    }

    static int run(String... arguments) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(arguments);
    }
}
