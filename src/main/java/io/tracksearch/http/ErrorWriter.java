package io.tracksearch.http;

import io.javalin.http.Context;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The only writer of error bodies: {@code {"errors": {...}, "errorMessages": [...], "statusCode": n}}
 * (spec 2.1), in the language of Accept-Language (spec 1.4); {@link JettyErrorHandler} uses the same body
 * for the errors Jetty raises before a route runs. A fault of the server or its store (5xx) is logged
 * with its cause under the request id, and the client gets a generic message naming that id: never a
 * stack trace, a class name or a backend's own text.
 */
final class ErrorWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorWriter.class);
    /** Seconds a client is told to wait after a 503 (busy or store unavailable). */
    static final int RETRY_AFTER_SECONDS = 1;

    void write(TrackerException exception, Context ctx) {
        int status = exception.code().httpStatus();
        if (exception.code() == ErrorCode.INSUFFICIENT_STORAGE) {
            // our own text ("not enough storage space ..."), no backend detail: the client must learn why writes fail
            LOG.warn("request {} {} {} refused: storage full", Api.requestId(ctx), ctx.method(), ctx.path(), exception);
            respond(ctx, status, exception.fieldErrors(), exception.message(language(ctx)));
            return;
        }
        if (status >= 500) {
            fault(exception, ctx, status);
            return;
        }
        respond(ctx, status, exception.fieldErrors(), exception.message(language(ctx)));
    }

    void unexpected(Exception exception, Context ctx) {
        HttpException badInput = httpException(exception);
        if (badInput != null && badInput.getCode() < 500) {
            // Jetty failed to read the request (broken chunked body, bad content length): the client's fault
            respond(ctx, badInput.getCode(), Map.of(), JettyErrorHandler.text(badInput.getCode(), language(ctx)));
            return;
        }
        if (isEof(exception)) {
            respond(ctx, 400, Map.of(), Message.MALFORMED_REQUEST.in(language(ctx)));
            return;
        }
        fault(exception, ctx, ErrorCode.INTERNAL.httpStatus());
    }

    private void fault(Exception exception, Context ctx, int status) {
        String requestId = Api.requestId(ctx);
        LOG.error("request {} {} {} failed with {}", requestId, ctx.method(), ctx.path(), status, exception);
        if (status == ErrorCode.STORE_UNAVAILABLE.httpStatus()) {
            ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            respond(ctx, status, Map.of(), Message.UNAVAILABLE.in(language(ctx), requestId));
        }
        else {
            respond(ctx, status, Map.of(), Message.INTERNAL.in(language(ctx), requestId));
        }
    }

    void respond(Context ctx, int status, Map<String, String> fieldErrors, String message) {
        ctx.status(status).contentType(TrackerServer.JSON_CONTENT_TYPE).result(body(status, fieldErrors, message));
    }

    /** The Tracker error body (spec 2.1). */
    static byte[] body(int status, Map<String, String> fieldErrors, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", new LinkedHashMap<>(fieldErrors));
        body.put("errorMessages", List.of(message));
        body.put("statusCode", status);
        return Json.bytes(body);
    }

    private static HttpException httpException(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http) {
                return http;
            }
        }
        return null;
    }

    private static boolean isEof(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof EofException) {
                return true;
            }
        }
        return false;
    }

    static String language(Context ctx) {
        return language(ctx.header("Accept-Language"));
    }

    /** "ru" or "en": the first range of Accept-Language (by q-value, then order) that is one of them. */
    static String language(String header) {
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
