package io.tracksearch.testing;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The storage backends the HTTP conformance suite runs against: every suite class is a
 * {@code @ParameterizedClass} over {@link #enabled()}. System property {@code tracksearch.backends}
 * (comma list, default {@code lucene,opensearch}) narrows a quick local run, e.g.
 * {@code mvn verify -Dtracksearch.backends=lucene}; CI runs both.
 */
public enum Backend {
    LUCENE,
    OPENSEARCH;

    public static Stream<Backend> enabled() {
        String wanted = System.getProperty("tracksearch.backends", "lucene,opensearch").toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(backend -> Arrays.asList(wanted.split("\\s*,\\s*"))
                .contains(backend.name().toLowerCase(Locale.ROOT)));
    }
}
