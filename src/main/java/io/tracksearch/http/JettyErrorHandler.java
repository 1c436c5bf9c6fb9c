package io.tracksearch.http;

import io.tracksearch.error.Message;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;

/**
 * The errors Jetty answers itself, before any route runs (no Host header, a malformed request line, a
 * URI or headers too large, a broken chunked body, the 503 of the request queue), in the Tracker error
 * body of {@link ErrorWriter} instead of Jetty's HTML page, for every method. The message is ours, chosen
 * by status: Jetty's reason and any exception stay in the log.
 */
final class JettyErrorHandler extends ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(JettyErrorHandler.class);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Throwable cause = (Throwable) request.getAttribute(ERROR_EXCEPTION);
        // the client closed its side mid-request: its fault, and nobody may be left to read the answer
        int status = cause instanceof EofException ? HttpStatus.BAD_REQUEST_400 : status(request, response);
        if (status >= 500 && status != HttpStatus.SERVICE_UNAVAILABLE_503) {
            LOG.error("request {} {} {} failed in Jetty with {}", UUID.randomUUID(), request.getMethod(),
                    request.getHttpURI().getPath(), status, cause);
        }
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(ERROR_CACHE_CONTROL);
        if (status == HttpStatus.SERVICE_UNAVAILABLE_503 || status == HttpStatus.TOO_MANY_REQUESTS_429) {
            headers.put(HttpHeader.RETRY_AFTER, Integer.toString(ErrorWriter.RETRY_AFTER_SECONDS));
        }
        if (HttpStatus.hasNoBody(status)) {
            callback.succeeded();
            return true;
        }
        headers.put(HttpHeader.CONTENT_TYPE, TrackerServer.JSON_CONTENT_TYPE);
        String language = ErrorWriter.language(request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE));
        response.write(true, ByteBuffer.wrap(ErrorWriter.body(status, Map.of(), text(status, language))), callback);
        return true;
    }

    /** Errors found while parsing, before a request exists: the body Jetty sends with its 4xx. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, TrackerServer.JSON_CONTENT_TYPE);
        return ByteBuffer.wrap(ErrorWriter.body(status, Map.of(), text(status, "en")));
    }

    /** Our message for a status Jetty produced. */
    static String text(int status, String language) {
        return switch (status) {
            case 400 -> Message.MALFORMED_REQUEST.in(language);
            case 408 -> Message.REQUEST_TIMEOUT.in(language);
            case 413 -> Message.REQUEST_TOO_LARGE.in(language);
            case 414 -> Message.URI_TOO_LONG.in(language);
            case 431 -> Message.HEADERS_TOO_LARGE.in(language);
            case 503 -> Message.BUSY.in(language);
            default -> Message.HTTP_STATUS.in(language, status);
        };
    }

    private static int status(Request request, Response response) {
        int status = rawStatus(request, response);
        // an HTTP version we do not speak is the client's fault like any malformed request line: never a 5xx
        return status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 ? HttpStatus.BAD_REQUEST_400 : status;
    }

    private static int rawStatus(Request request, Response response) {
        if (request.getAttribute(ERROR_STATUS) instanceof Integer status && status >= 400) {
            return status;
        }
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException http) {
            return http.getCode();
        }
        return response.getStatus() >= 400 ? response.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR_500;
    }
}
