package io.tracksearch.error;

/** The category of a failure; each knows the HTTP status it is answered with. */
public enum ErrorCode {
    BAD_REQUEST(400),
    NOT_AUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    CONFLICT(409),
    PAYLOAD_TOO_LARGE(413),
    UNPROCESSABLE(422),
    TOO_MANY_SCROLLS(429),
    TOO_MANY_REQUESTS(429),
    INTERNAL(500),
    STORE_UNAVAILABLE(503),
    /** The store's disk is full: writes fail until space is freed, reads go on (WebDAV's 507, RFC 4918). */
    INSUFFICIENT_STORAGE(507);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
