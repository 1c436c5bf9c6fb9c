package io.tracksearch.http;

/**
 * Absolute URLs of one request: {@code base} is the public base URL (configured, else scheme://Host)
 * and {@code version} the API version prefix of the request path ("v2" or "v3"), spec 0.1 and 1.1.
 */
record Urls(String base, String version) {
    String api(String path) {
        return base + "/" + version + "/" + path;
    }

    String issue(String key) {
        return api("issues/" + key);
    }

    String user(long uid) {
        return api("users/" + uid);
    }

    String queue(String key) {
        return api("queues/" + key);
    }
}
