package io.tracksearch.store;

import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.Issue;

/**
 * Renders an issue when it is written into bytes that a page of issues is later assembled from without
 * parsing or rendering the issue again (the HTTP layer's Tracker shape with splice points for what
 * depends on the request or on other objects; see http/IssueTemplateRenderer). A backend that keeps
 * templates stores them beside each issue and hands them back through {@link StoredIssues}.
 */
@FunctionalInterface
public interface IssueTemplates {
    /** No templates: every page is rendered from the parsed issues. */
    IssueTemplates NONE = (issue, fields) -> null;

    /** The issue's template under the field registry it is written with; null when it cannot have one. */
    byte[] template(Issue issue, FieldRegistry fields);
}
