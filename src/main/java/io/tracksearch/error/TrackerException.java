package io.tracksearch.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type that crosses package boundaries for expected failures. The HTTP layer turns
 * it into the Tracker error body {@code {"errors": {...}, "errorMessages": [...], "statusCode": n}}.
 */
public final class TrackerException extends RuntimeException {
    private final ErrorCode code;
    private final Message template;
    private final List<Object> arguments;
    private final Map<String, String> fieldErrors;

    public TrackerException(ErrorCode code, Message template, Object... arguments) {
        this(code, template, Map.of(), null, arguments);
    }

    public TrackerException(ErrorCode code, Message template, Map<String, String> fieldErrors, Throwable cause, Object... arguments) {
        super(template.in("en", arguments), cause, false, cause != null);
        this.code = requireNonNull(code, "code is null");
        this.template = template;
        this.arguments = List.of(arguments);
        this.fieldErrors = new LinkedHashMap<>(fieldErrors);
    }

    public static TrackerException badRequest(String englishText) {
        return new TrackerException(ErrorCode.BAD_REQUEST, Message.plain(englishText));
    }

    public static TrackerException invalidParameter(String name, String problem) {
        return new TrackerException(ErrorCode.BAD_REQUEST, Message.INVALID_PARAMETER, name, problem);
    }

    /** 422 with one field error, as Tracker answers body validation problems. */
    public static TrackerException invalidField(String field, String problem) {
        return new TrackerException(ErrorCode.UNPROCESSABLE, Message.VALIDATION_FAILED,
                Map.of(field, problem), null, field + ": " + problem);
    }

    /** Which message this is, e.g. to tell a version conflict from other conflicts. */
    public boolean is(Message message) {
        return template == message;
    }

    public ErrorCode code() {
        return code;
    }

    public String message(String language) {
        return template.in(language, arguments.toArray());
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
