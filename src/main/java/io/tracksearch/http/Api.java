package io.tracksearch.http;

import io.javalin.http.Context;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.User;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Small helpers every route uses: the caller, URLs, bodies and JSON responses. */
final class Api {
    static final String CALLER = "tracksearch.caller";
    private static final String REQUEST_ID = "tracksearch.requestId";

    private final String publicUrl;

    Api(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    static User caller(Context ctx) {
        return ctx.attribute(CALLER);
    }

    /** The id of this request in the log, the access log and any 5xx body; made on first use. */
    static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        if (id == null) {
            // a random (version 4) UUID from the thread's generator: UUID.randomUUID() reads the shared
            // SecureRandom, a lock every request took for an id that only needs to be unique in the logs
            ThreadLocalRandom random = ThreadLocalRandom.current();
            id = new UUID(random.nextLong() & ~0xF000L | 0x4000L, random.nextLong() & ~(3L << 62) | 1L << 63).toString();
            ctx.attribute(REQUEST_ID, id);
        }
        return id;
    }

    Urls urls(Context ctx) {
        String base = publicUrl != null ? publicUrl : ctx.scheme() + "://" + (ctx.host() == null ? "localhost" : ctx.host());
        String path = ctx.path();
        String version = path.startsWith("/v3") ? "v3" : "v2";
        return new Urls(base, version);
    }

    static void json(Context ctx, int status, byte[] body) {
        ctx.status(status).contentType(TrackerServer.JSON_CONTENT_TYPE).result(body);
    }

    /** Expand values from the query string and, in the older form, the body ("a,b" or ["a","b"]). */
    static List<String> expandParameters(Context ctx) {
        return ctx.queryParams("expand");
    }

    /** Optimistic-lock version from If-Match ("<n>", W/ and quotes stripped, * = any) or ?version=. */
    static Long expectedVersion(Context ctx) {
        String ifMatch = ctx.header("If-Match");
        String value = ifMatch != null ? ifMatch.strip() : ctx.queryParam("version");
        if (value == null || value.isEmpty() || value.equals("*")) {
            return null;
        }
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "").strip();
        try {
            return Long.parseLong(value);
        }
        catch (NumberFormatException e) {
            throw TrackerException.invalidParameter(ifMatch != null ? "If-Match" : "version", "'" + value + "' is not an integer version");
        }
    }
}
