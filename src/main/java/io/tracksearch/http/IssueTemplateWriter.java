package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.model.Embedded;
import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.Issue;
import io.tracksearch.store.IssueTemplates;

import java.util.Map;
import java.util.Set;

/**
 * The templates a store keeps beside each issue so that search and scroll pages are assembled from
 * bytes ({@link TemplatePages}): handed to the store when it is opened, before the server that renders
 * pages exists.
 */
public final class IssueTemplateWriter implements IssueTemplates {
    /** Writing a template looks nothing up: users, queues and issues are splice points. */
    private final IssueRenderer renderer = new IssueRenderer(null, null);

    /**
     * The issue in the shape {@link IssueRenderer} gives it without expansions, with splice points
     * ({@link TemplateTokens}) for the request's URLs and for references whose rendering depends on other
     * objects (users, queues, referenced issues, components). Null when the issue has a value no field of
     * {@code registry} knows (written as given, it would render differently once a definition appears)
     * or a text holding a marker byte.
     */
    @Override
    public byte[] template(Issue issue, FieldRegistry registry) {
        for (Map.Entry<String, JsonNode> entry : issue.values().entrySet()) {
            if (!Embedded.isEmbedded(entry.getKey())
                    && (registry.byId(entry.getKey()).isEmpty() || !isClean(entry.getValue()))) {
                return null;
            }
        }
        if (!TemplateTokens.isClean(issue.key()) || !TemplateTokens.isClean(issue.id()) || !TemplateTokens.isClean(issue.queue())) {
            return null;
        }
        RenderPage page = RenderPage.forTemplate(registry, issue);
        return TemplateTokens.withSpliceTable(Json.writeTemplate(TemplateTokens.VERSION_WITHOUT_TABLE,
                generator -> renderer.write(generator, issue, TemplateTokens.URLS, Set.of(), page)));
    }

    private static boolean isClean(JsonNode value) {
        if (value.isTextual()) {
            return TemplateTokens.isClean(value.asText());
        }
        for (JsonNode element : value) {   // arrays and objects; nothing for other scalars
            if (!isClean(element)) {
                return false;
            }
        }
        for (var names = value.fieldNames(); names.hasNext(); ) {
            if (!TemplateTokens.isClean(names.next())) {
                return false;
            }
        }
        return true;
    }
}
