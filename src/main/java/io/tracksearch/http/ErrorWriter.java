package io.tracksearch.http;

import io.javalin.http.Context;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The only writer of error bodies: {@code {"errors": {...}, "errorMessages": [...], "statusCode": n}}
 * (spec 2.1), in the language of Accept-Language (spec 1.4). Unexpected exceptions are logged with a
 * request id and answered 500 in the same format, never with a stack trace.
 */
final class ErrorWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorWriter.class);

    void write(TrackerException exception, Context ctx) {
        respond(ctx, exception.code().httpStatus(), exception.fieldErrors(), exception.message(language(ctx)));
    }

    void unexpected(Exception exception, Context ctx) {
        String requestId = UUID.randomUUID().toString();
        LOG.error("request {} {} {} failed", requestId, ctx.method(), ctx.path(), exception);
        respond(ctx, ErrorCode.INTERNAL.httpStatus(), Map.of(), Message.INTERNAL.in(language(ctx), requestId));
    }

    void respond(Context ctx, int status, Map<String, String> fieldErrors, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", new LinkedHashMap<>(fieldErrors));
        body.put("errorMessages", List.of(message));
        body.put("statusCode", status);
        ctx.status(status).contentType(TrackerServer.JSON_CONTENT_TYPE).result(Json.bytes(body));
    }

    /** "ru" or "en": the first range of Accept-Language (by q-value, then order) that is one of them. */
    static String language(Context ctx) {
        String header = ctx.header("Accept-Language");
        if (header == null) {
            return "en";
        }
        String best = "en";
        double bestQuality = -1;
        for (String range : header.split(",")) {
            String[] parts = range.strip().split(";");
            String tag = parts[0].strip().toLowerCase(Locale.ROOT);
            double quality = 1.0;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip();
                if (parameter.startsWith("q=")) {
                    try {
                        quality = Double.parseDouble(parameter.substring(2));
                    }
                    catch (NumberFormatException e) {
                        quality = 0;
                    }
                }
            }
            String language = tag.startsWith("ru") ? "ru" : tag.startsWith("en") ? "en" : null;
            if (language != null && quality > bestQuality) {
                best = language;
                bestQuality = quality;
            }
        }
        return best;
    }
}
