package io.tracksearch.http;

import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.Issue;
import io.tracksearch.store.IssueTemplates;

/**
 * The templates a store keeps beside each issue so that search and scroll pages are assembled from
 * bytes (see {@link IssueRenderer#template}): handed to the store when it is opened, before the server
 * that renders pages exists.
 */
public final class IssueTemplateWriter implements IssueTemplates {
    /** Writing a template looks nothing up: users, queues and issues are splice points. */
    private final IssueRenderer renderer = new IssueRenderer(null, null);

    @Override
    public byte[] template(Issue issue, FieldRegistry fields) {
        return renderer.template(issue, fields);
    }
}
