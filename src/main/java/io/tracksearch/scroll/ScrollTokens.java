package io.tracksearch.scroll;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Scroll tokens of spec 5.5: {@code <64 lowercase hex>:<expiresAt epoch millis>}, the hex being
 * HMAC-SHA256(secret, scrollId | org | uid | expiresAt). A token proves who opened the scroll and
 * until when, without server state.
 */
final class ScrollTokens {
    static final Message INVALID = new Message("Invalid scroll token", "Недействительный токен прокрутки");
    static final Message EXPIRED = new Message("Expired signature", "Срок действия подписи истёк");

    private final byte[] secret;

    ScrollTokens(byte[] secret) {
        this.secret = secret.clone();
    }

    String issue(String scrollId, String organization, long uid, long expiresAtMillis) {
        return sign(scrollId, organization, uid, expiresAtMillis) + ":" + expiresAtMillis;
    }

    /** Throws 403 "Invalid scroll token" for a malformed or foreign token, 403 "Expired signature" when expired. */
    void verify(String token, String scrollId, String organization, long uid, long nowMillis) {
        String raw = token.replace("%3A", ":").replace("%3a", ":");
        int colon = raw.indexOf(':');
        if (colon != 64 || !raw.substring(0, 64).matches("[0-9a-f]{64}") || !raw.substring(65).matches("\\d{1,18}")) {
            throw new TrackerException(ErrorCode.FORBIDDEN, INVALID);
        }
        long expiresAt = Long.parseLong(raw.substring(65));
        byte[] expected = sign(scrollId, organization, uid, expiresAt).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, raw.substring(0, 64).getBytes(StandardCharsets.US_ASCII))) {
            throw new TrackerException(ErrorCode.FORBIDDEN, INVALID);
        }
        if (expiresAt < nowMillis) {
            throw new TrackerException(ErrorCode.FORBIDDEN, EXPIRED);
        }
    }

    /** Whether the token is the caller's for this id, ignoring expiry (what _clear accepts). */
    boolean belongsTo(String token, String scrollId, String organization, long uid) {
        try {
            verify(token, scrollId, organization, uid, Long.MIN_VALUE);
            return true;
        }
        catch (TrackerException e) {
            return false;
        }
    }

    private String sign(String scrollId, String organization, long uid, long expiresAtMillis) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String message = scrollId + "\u0000" + organization + "\u0000" + uid + "\u0000" + expiresAtMillis;
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
