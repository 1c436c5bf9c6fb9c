package io.tracksearch.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * One JSON line per answered request on the logger {@code tracksearch.access} (time, request id, user
 * login, method, route template, path, status, duration in ms), so it can be routed, silenced or shipped
 * on its own.
 */
final class AccessLog {
    static final String LOGGER = "tracksearch.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    /** One access-log entry. */
    record Entry(Instant time, String requestId, String user, String method, String route, String path, int status, double durationMillis) {
        String json() {
            // streamed by one generator: building a map and serializing it was a few % of a small request's time
            return Json.string(g -> {
                g.writeStartObject();
                g.writeStringField("time", time.toString());
                g.writeStringField("requestId", requestId);
                g.writeStringField("user", user);
                g.writeStringField("method", method);
                g.writeStringField("route", route);
                g.writeStringField("path", path);
                g.writeNumberField("status", status);
                g.writeNumberField("durationMs", Math.round(durationMillis * 1000) / 1000.0);
                g.writeEndObject();
            });
        }
    }

    void write(Entry entry) {
        if (LOG.isInfoEnabled()) {
            LOG.info(entry.json());
        }
    }
}
