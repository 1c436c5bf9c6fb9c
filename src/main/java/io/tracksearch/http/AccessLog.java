package io.tracksearch.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("time", time.toString());
            line.put("requestId", requestId);
            line.put("user", user);
            line.put("method", method);
            line.put("route", route);
            line.put("path", path);
            line.put("status", status);
            line.put("durationMs", Math.round(durationMillis * 1000) / 1000.0);
            return new String(Json.bytes(line), StandardCharsets.UTF_8);
        }
    }

    void write(Entry entry) {
        if (LOG.isInfoEnabled()) {
            LOG.info(entry.json());
        }
    }
}
