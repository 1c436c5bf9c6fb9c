package io.tracksearch.scroll;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.User;
import io.tracksearch.store.Condition;
import io.tracksearch.store.Cursor;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueStore;
import io.tracksearch.store.ResumablePage;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Scrolls over a backend with resumable snapshots (StoreBehavior.RESUMABLE_SNAPSHOTS, e.g. OpenSearch
 * points in time). No node keeps what is needed to serve a page: the scroll id is
 * {@code base64url(deflate(payload) || HMAC-SHA256(secret, deflate(payload)))}, the payload being
 * {@link State}: a random scroll number (128 bits), owner, organization, expiry, page size, type,
 * expansions and the backend's {@link Cursor}. Any node configured with the same secret verifies it and
 * asks the backend for the page after the cursor, so a scroll opened on one node continues on another.
 * A forged or altered id fails the signature and is answered like an unknown one (404).
 *
 * <p>HTTP behaviour is that of {@link ScrollRegistry} (spec 5, 6): the same headers, tokens, check order,
 * a fresh id per page, re-sending an earlier id repeats its page while the snapshot lives, finished and
 * cleared scrolls answer 404 (the backend has freed the snapshot). Expiry: each page's id carries
 * {@code now + scrollTTLMillis}; the backend keeps the snapshot {@link #KEEP_ALIVE_GRACE} longer and then
 * frees it by itself.
 *
 * <p>Limits (spec 5.8) are admission control of this node: it counts the scrolls it opened until it sees
 * their last page, their clear, or their expiry as last renewed through it. A scroll finished on another
 * node is counted here until it expires, so the count errs on the safe side; with several nodes the
 * per-user bound applies per node. The backend's own bound (OpenSearch {@code search.max_open_pit_context})
 * applies cluster-wide.
 *
 * <p>Threads: thread-safe; {@link #open} counts under {@code this}.
 */
public final class StatelessScrolls implements Scrolls {
    /** How much longer than the scroll's TTL the backend keeps its snapshot, so a page served just in time still reads. */
    static final Duration KEEP_ALIVE_GRACE = Duration.ofSeconds(10);
    private static final int FORMAT = 1;
    private static final int MAC_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a scroll id says. {@code scroll} is random and the same for every page of one scroll. */
    record State(byte[] scroll, String organization, long owner, long expiresAtMillis, String type, int perScroll,
            List<String> expand, Cursor cursor) {
        State {
            expand = List.copyOf(expand);
        }

        String scrollKey() {
            return HexFormat.of().formatHex(scroll);
        }
    }

    private record Admission(long owner, long expiresAtMillis) {
    }

    private final IssueStore store;
    private final ScrollLimits limits;
    private final ScrollTokens tokens;
    private final byte[] secret;
    private final LongSupplier clock;
    /** Scrolls opened here and not yet seen finished, by scroll key. Guarded by {@code this}. */
    private final Map<String, Admission> admitted = new HashMap<>();

    public StatelessScrolls(IssueStore store, ScrollLimits limits, byte[] secret, LongSupplier clock) {
        this.store = store;
        this.limits = limits;
        this.secret = secret.clone();
        this.tokens = new ScrollTokens(secret);
        this.clock = clock;
    }

    @Override
    public ScrollLimits limits() {
        return limits;
    }

    @Override
    public ScrollPage open(User caller, String organization, Condition condition, IssueSort sort, Options options) {
        long now = clock.getAsLong();
        byte[] scroll = new byte[16];
        RANDOM.nextBytes(scroll);
        String scrollKey = HexFormat.of().formatHex(scroll);
        synchronized (this) {
            admitted.values().removeIf(admission -> admission.expiresAtMillis() < now);
            long mine = admitted.values().stream().filter(admission -> admission.owner() == caller.uid()).count();
            if (mine >= limits.maxPerUser() || admitted.size() >= limits.maxPerServer()) {
                throw new TrackerException(ErrorCode.TOO_MANY_SCROLLS, ScrollRegistry.TOO_MANY);
            }
            admitted.put(scrollKey, new Admission(caller.uid(), now + options.ttlMillis()));
        }
        boolean opened = false;
        try {
            ResumablePage page = store.openResumable(condition, sort, options.perScroll(), keepAlive(options.ttlMillis()));
            opened = true;
            State state = new State(scroll, organization, caller.uid(), now + options.ttlMillis(), options.type(),
                    options.perScroll(), options.expand(), null);
            return serve(state, page, options.ttlMillis(), options.expand());
        } finally {
            if (!opened) {
                forget(scrollKey);
            }
        }
    }

    @Override
    public ScrollPage next(User caller, String organization, String scrollId, String token, long ttlMillis, List<String> expand) {
        long now = clock.getAsLong();
        if (token != null) {
            tokens.verify(token, scrollId, organization, caller.uid(), now);
        }
        State state = decode(scrollId);
        if (state == null || state.expiresAtMillis() < now) {
            throw new TrackerException(ErrorCode.NOT_FOUND, Message.SCROLL_NOT_FOUND);
        }
        if (state.owner() != caller.uid() || !state.organization().equals(organization)) {
            throw new TrackerException(ErrorCode.FORBIDDEN, ScrollTokens.INVALID);
        }
        synchronized (this) {
            admitted.computeIfPresent(state.scrollKey(), (key, admission) -> new Admission(admission.owner(), now + ttlMillis));
        }
        ResumablePage page = store.resume(state.cursor(), state.perScroll(), keepAlive(ttlMillis));
        State renewed = new State(state.scroll(), organization, state.owner(), now + ttlMillis, state.type(),
                state.perScroll(), state.expand(), state.cursor());
        return serve(renewed, page, ttlMillis, expand == null || expand.isEmpty() ? state.expand() : expand);
    }

    @Override
    public void clear(User caller, String organization, Map<String, String> pairs) {
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            State state = decode(pair.getKey());
            if (state == null || state.cursor() == null) {
                continue;
            }
            boolean owner = state.owner() == caller.uid() && state.organization().equals(organization);
            String token = pair.getValue();
            boolean tokenOk = token == null || token.isEmpty() || tokens.belongsTo(token, pair.getKey(), organization, caller.uid());
            if (owner && tokenOk) {
                // counted no more even if the backend cannot free the snapshot now: it expires by itself
                forget(state.scrollKey());
                store.release(state.cursor());
            }
        }
    }

    /** Number of scrolls this node counts against the limits (for tests and metrics). */
    public synchronized int size() {
        return admitted.size();
    }

    private ScrollPage serve(State state, ResumablePage page, long ttlMillis, List<String> expand) {
        if (page.next().isEmpty()) {
            forget(state.scrollKey());
            return new ScrollPage(page.issues(), page.totalCount(), null, null, state.type(), state.perScroll(), ttlMillis, expand);
        }
        State next = new State(state.scroll(), state.organization(), state.owner(), state.expiresAtMillis(), state.type(),
                state.perScroll(), state.expand(), page.next().get());
        String nextId = encode(next);
        String token = tokens.issue(nextId, state.organization(), state.owner(), state.expiresAtMillis());
        return new ScrollPage(page.issues(), page.totalCount(), nextId, token, state.type(), state.perScroll(), ttlMillis, expand);
    }

    private synchronized void forget(String scrollKey) {
        admitted.remove(scrollKey);
    }

    private static Duration keepAlive(long ttlMillis) {
        return Duration.ofMillis(ttlMillis).plus(KEEP_ALIVE_GRACE);
    }

    // ---- scroll ids --------------------------------------------------------------------------------

    String encode(State state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.write(state.scroll());
            out.writeLong(state.expiresAtMillis());
            out.writeLong(state.owner());
            out.writeInt(state.perScroll());
            writeString(out, state.organization());
            writeString(out, state.type());
            writeString(out, String.join(",", state.expand()));
            writeString(out, state.cursor().value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] payload = deflate(bytes.toByteArray());
        byte[] id = Arrays.copyOf(payload, payload.length + MAC_BYTES);
        System.arraycopy(mac(payload), 0, id, payload.length, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    /** The state of a scroll id, or null when it is malformed or not signed with our secret. */
    State decode(String scrollId) {
        try {
            byte[] id = Base64.getUrlDecoder().decode(scrollId);
            if (id.length <= MAC_BYTES) {
                return null;
            }
            byte[] payload = Arrays.copyOf(id, id.length - MAC_BYTES);
            byte[] signature = Arrays.copyOfRange(id, id.length - MAC_BYTES, id.length);
            if (!MessageDigest.isEqual(mac(payload), signature)) {
                return null;
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(inflate(payload)));
            if (in.readByte() != FORMAT) {
                return null;
            }
            byte[] scroll = in.readNBytes(16);
            long expiresAt = in.readLong();
            long owner = in.readLong();
            int perScroll = in.readInt();
            String organization = readString(in);
            String type = readString(in);
            String expand = readString(in);
            Cursor cursor = new Cursor(readString(in));
            return new State(scroll, organization, owner, expiresAt, type, perScroll,
                    expand.isEmpty() ? List.of() : List.of(expand.split(",")), cursor);
        } catch (IllegalArgumentException | IOException | DataFormatException e) {
            return null;
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad length");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] deflate(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Signed input only; still bounded, so a bug cannot inflate without limit. */
    private static byte[] inflate(byte[] bytes) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(bytes);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int count = inflater.inflate(buffer);
                if (count == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated");
                }
                out.write(buffer, 0, count);
                if (out.size() > 1 << 20) {
                    throw new DataFormatException("too large");
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    @Override
    public void close() {
        // nothing held: snapshots live in the backend and expire there
    }
}
