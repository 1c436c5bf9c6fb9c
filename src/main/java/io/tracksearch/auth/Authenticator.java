package io.tracksearch.auth;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.User;

import java.util.Locale;

/**
 * Checks the two things every request must carry (spec 1.2, 1.3): a token of a known user and the
 * server's organization. Knows header values, not HTTP types.
 */
public final class Authenticator {
    private final UserRegistry users;
    private final String organizationId;

    public Authenticator(UserRegistry users, String organizationId) {
        this.users = users;
        this.organizationId = organizationId;
    }

    public String organizationId() {
        return organizationId;
    }

    /**
     * Returns the caller, or throws 401 for a bad token and then 403 for a wrong organization.
     *
     * @param authorization the Authorization header or null
     * @param orgId the X-Org-ID header or null
     * @param cloudOrgId the X-Cloud-Org-ID header or null
     */
    public User authenticate(String authorization, String orgId, String cloudOrgId) {
        User caller = authenticateToken(authorization);
        String organization = usable(orgId) ? orgId.strip() : usable(cloudOrgId) ? cloudOrgId.strip() : null;
        if (organization == null || !organization.equals(organizationId)) {
            throw new TrackerException(ErrorCode.FORBIDDEN, Message.ORGANIZATION_UNAVAILABLE);
        }
        return caller;
    }

    /** Returns the owner of the token, or throws 401; no organization check (server-wide resources such as metrics). */
    public User authenticateToken(String authorization) {
        return users.authenticate(token(authorization)).orElseThrow(Authenticator::notAuthenticated);
    }

    private static String token(String authorization) {
        if (authorization == null) {
            throw notAuthenticated();
        }
        String[] parts = authorization.strip().split(" +");
        if (parts.length != 2) {
            throw notAuthenticated();
        }
        String scheme = parts[0].toLowerCase(Locale.ROOT);
        if (!scheme.equals("oauth") && !scheme.equals("bearer")) {
            throw notAuthenticated();
        }
        return parts[1];
    }

    // The Python client sends "not provided" for a header it has no value for.
    private static boolean usable(String header) {
        return header != null && !header.isBlank() && !header.strip().equalsIgnoreCase("not provided");
    }

    private static TrackerException notAuthenticated() {
        return new TrackerException(ErrorCode.NOT_AUTHENTICATED, Message.NOT_AUTHENTICATED);
    }
}
