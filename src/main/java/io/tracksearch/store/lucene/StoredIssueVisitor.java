package io.tracksearch.store.lucene;

import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.StoredFieldVisitor;

/**
 * Reads an issue document's stored JSON and, when asked, its template straight into byte arrays, and stops
 * there: a {@link org.apache.lucene.document.Document} would allocate a field list and stored-field objects
 * per issue, and its values had to be copied again (a scroll reads a thousand issues per page). Without the
 * template the visitor never copies it (lookups of referenced issues need only the JSON).
 */
final class StoredIssueVisitor extends StoredFieldVisitor {
    private final boolean withTemplate;
    private byte[] source;
    private byte[] template;

    StoredIssueVisitor(boolean withTemplate) {
        this.withTemplate = withTemplate;
    }

    /** Ready for the next document. */
    StoredIssueVisitor reset() {
        source = null;
        template = null;
        return this;
    }

    byte[] source() {
        return source;
    }

    /** The template, or null when the document has none or it was not asked for. */
    byte[] template() {
        return template;
    }

    @Override
    public Status needsField(FieldInfo field) {
        if (source != null && (!withTemplate || template != null)) {
            return Status.STOP;
        }
        return switch (field.name) {
            case IssueDocuments.SOURCE -> Status.YES;
            case IssueDocuments.TEMPLATE -> withTemplate ? Status.YES : Status.NO;
            default -> Status.NO;
        };
    }

    @Override
    public void binaryField(FieldInfo field, byte[] value) {
        if (field.name.equals(IssueDocuments.SOURCE)) {
            source = value;
        }
        else {
            template = value;
        }
    }
}
