package io.tracksearch.cli;

import io.tracksearch.http.IssueTemplateWriter;
import io.tracksearch.auth.UserRegistry;
import io.tracksearch.store.lucene.LuceneIssueStore;
import io.tracksearch.sync.SourceClient;
import io.tracksearch.sync.SourceRejectedException;
import io.tracksearch.sync.SourceSettings;
import io.tracksearch.sync.SyncException;
import io.tracksearch.sync.SyncProgress;
import io.tracksearch.sync.Synchronizer;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sync pass from a Tracker (hosted, or another tracksearch) into the data directory, then exit; the
 * server must not be running on the directory ({@code serve --sync-from} runs the same pass as a job).
 * Exit codes: 0 done, 1 the pass failed (it continues from the checkpoint next time), 3 the source refused
 * the token or organization.
 */
@Command(name = "sync", mixinStandardHelpOptions = true, description = "Copy issues from a Tracker into the data directory (one pass).")
final class SyncCommand implements Callable<Integer> {
    static final int REJECTED = 3;
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

    @Option(names = "--source", required = true, description = "Base URL of the source API, e.g. https://api.tracker.yandex.net.")
    URI source;

    @Option(names = "--source-token", required = true, defaultValue = "${env:TRACKSEARCH_SOURCE_TOKEN}",
            description = "OAuth token at the source (env TRACKSEARCH_SOURCE_TOKEN).")
    String token;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Organization organization;

    static final class Organization {
        @Option(names = "--source-org", description = "Organization id at the source (X-Org-ID, Yandex 360).")
        String org;

        @Option(names = "--source-cloud-org", description = "Cloud organization id at the source (X-Cloud-Org-ID).")
        String cloudOrg;
    }

    @Option(names = "--queue", description = "Copy only this queue (repeatable); default: every queue.")
    List<String> queues = List.of();

    @Option(names = "--query", description = "Copy only issues this Tracker query finds (no \"Sort By\").")
    String query;

    @Option(names = "--rate", defaultValue = "20/s", description = "Requests per second to the source, e.g. 20/s (0 = no bound; default ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--overlap", defaultValue = "5s",
            description = "How far before the last seen update an incremental pass starts again (default ${DEFAULT-VALUE}; see docs/sync.md on time zones).")
    String overlap;

    @Option(names = "--full", description = "Walk the whole scope even after a finished first pass (and report issues gone from the source).")
    boolean full;

    @Option(names = "--delete", description = "Remove the issues a full pass finds gone from the source (default: only report them).")
    boolean delete;

    @Mixin
    DataOption data;

    static SourceSettings settings(CommandLine commandLine, URI source, String token, String org, String cloudOrg, List<String> queues,
            String query, String rate, Duration overlap) {
        if (token == null || token.isBlank()) {
            throw new CommandLine.ParameterException(commandLine, "a source token is required");
        }
        String perSecond = rate.strip().replaceFirst("/s$", "");
        double requestsPerSecond;
        try {
            requestsPerSecond = Double.parseDouble(perSecond);
        }
        catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(commandLine, "--rate must look like 20/s, not '" + rate + "'");
        }
        return new SourceSettings(source, token, cloudOrg != null ? cloudOrg : org, cloudOrg != null, queues, query, requestsPerSecond,
                overlap);
    }

    /** 90s, 5m, 1h, 500ms or plain seconds; zero is refused. */
    static Duration duration(CommandLine commandLine, String option, String text) {
        Matcher matcher = DURATION.matcher(text.strip());
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new CommandLine.ParameterException(commandLine, option + " must look like 60s, 5m or 1h, not '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2) == null ? "s" : matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    @Override
    public Integer call() {
        CommandLine commandLine = new CommandLine(this);
        SourceSettings settings = settings(commandLine, source, token, organization.org, organization.cloudOrg, queues, query, rate,
                duration(commandLine, "--overlap", overlap));
        UserRegistry users = new UserRegistry(data.directory);
        try (LuceneIssueStore store = new LuceneIssueStore(data.directory.resolve("index"), users, new IssueTemplateWriter());
             Synchronizer synchronizer = SyncWiring.synchronizer(settings, new SourceClient(settings), store, users, data.directory,
                     new SyncProgress(System.out, System.console() != null))) {
            synchronizer.run(full, delete);
            return 0;   // problems are reported; they do not stop the mirror
        }
        catch (SourceRejectedException e) {
            System.err.println("error: " + e.getMessage());
            return REJECTED;
        }
        catch (SyncException e) {
            System.err.println("error: sync stopped: " + e.getMessage() + " (the next run continues from the checkpoint)");
            return 1;
        }
    }
}
