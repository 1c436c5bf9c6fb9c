package io.tracksearch.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tracksearch.model.Issue;
import io.tracksearch.store.IssueStore;
import io.tracksearch.store.StoredIssues;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Search pages and export lines assembled from the templates a store keeps ({@link TemplateTokens}, written
 * by {@link IssueTemplateWriter}): what {@link IssueRenderer} does when every issue of a page has a current
 * template. The values of the splice points are written by the renderer's own methods, so a page from
 * templates and one rendered from the parsed issues are the same bytes ({@code IssueTemplatesTest}).
 */
final class TemplatePages {
    private final IssueStore store;
    private final IssueRenderer renderer;

    TemplatePages(IssueStore store, IssueRenderer renderer) {
        this.store = store;
        this.renderer = renderer;
    }

    /**
     * A page assembled from its issues' templates: the splice points' values are rendered once per page
     * (each user, queue, referenced issue and component once, with one lookup of the referenced issues
     * and one of the queues, as {@link RenderPage#of} does), then each template is copied with them in place.
     */
    byte[] page(StoredIssues issues, Urls urls) {
        TemplatePage templates = new TemplatePage(issues);
        RenderPage page = RenderPage.forTemplates(store, templates);
        return templates.assemble(TemplateTokens.urlPrefix(urls), (generator, token) -> tokenValue(generator, urls, token, page));
    }

    /**
     * Export lines from templates: each issue as its page rendering ({@link #page}, the same lookups once per
     * page) with its comments, links and worklog ({@link IssueRenderer#embedded}) before the closing brace, as
     * the renderer writes it with EMBEDDED. Only those arrays are rendered from the parsed issue.
     */
    void lines(StoredIssues issues, Urls urls, OutputStream out) throws IOException {
        TemplatePage templates = new TemplatePage(issues);
        RenderPage page = RenderPage.forTemplates(store, templates);
        templates.lines(TemplateTokens.urlPrefix(urls), (generator, token) -> tokenValue(generator, urls, token, page),
                i -> embeddedMembers(urls, issues.get(i)), out);
    }

    /** The issue's embedded arrays as object members, each after a comma; empty when it has none. */
    private byte[] embeddedMembers(Urls urls, Issue issue) {
        byte[] object = Json.write(generator -> {
            generator.writeStartObject();
            renderer.embedded(generator, urls, issue);
            generator.writeEndObject();
        });
        if (object.length == 2) {
            return new byte[0];
        }
        object[0] = ',';   // "{members}" -> ",members"
        return Arrays.copyOf(object, object.length - 1);
    }

    /** The value a whole-value splice point stands for, written as the renderer writes it. */
    private void tokenValue(JsonGenerator g, Urls urls, String token, RenderPage page) throws IOException {
        String payload = token.substring(1);
        switch (token.charAt(0)) {
            case TemplateTokens.USER -> renderer.user(g, urls, Long.parseLong(payload));
            case TemplateTokens.QUEUE -> IssueRenderer.queue(g, urls, payload, page);
            case TemplateTokens.ISSUE -> renderer.issueReference(g, urls, payload, page);
            case TemplateTokens.COMPONENT -> {
                int colon = payload.indexOf(':');
                IssueRenderer.component(g, urls, payload.substring(0, colon), payload.substring(colon + 1), page);
            }
            default -> throw new IllegalStateException("not a splice point of this version: " + token);
        }
    }
}
