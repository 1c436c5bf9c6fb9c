package io.tracksearch.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The --data option shared by every command that touches the data directory. */
final class DataOption {
    @Option(names = "--data", defaultValue = "${env:TRACKSEARCH_DATA:-./data}",
            description = "Data directory (env TRACKSEARCH_DATA, default ./data).")
    Path directory;
}
