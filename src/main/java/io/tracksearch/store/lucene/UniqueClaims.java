package io.tracksearch.store.lucene;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.store.UniqueClaim;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Unique values reserved by creates of the embedded store that have not stored their issue yet: a create
 * claims its value before it allocates a number, so one that loses a unique race spends none. A second
 * create of a claimed value waits for the first one's outcome: a conflict once it stored its issue, the
 * claim if it gave up.
 *
 * <p>Threads: safe; the map is guarded by {@code this}. {@code owner} lookups run under that monitor, so
 * they must not take the store's write lock (the store takes this monitor while holding it).
 */
final class UniqueClaims {
    private final Duration wait;
    private final Map<String, Claim> claims = new HashMap<>();

    /** {@code settled} completes when the create that holds the value stored its issue or gave up. */
    private record Claim(String token, CompletableFuture<Void> settled) {
    }

    /** {@code wait}: how long a create waits for another create of the same value (that takes milliseconds). */
    UniqueClaims(Duration wait) {
        this.wait = wait;
    }

    /**
     * Claims the value unless {@code owner} (key of the issue holding a value, stored or pending) finds
     * one: then CONFLICT. Waits while another create holds the value; STORE_UNAVAILABLE if it holds it
     * longer than the wait.
     */
    UniqueClaim claim(String unique, Function<String, Optional<String>> owner) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Claim other;
            synchronized (this) {
                Optional<String> existing = owner.apply(unique);
                if (existing.isPresent()) {
                    throw new TrackerException(ErrorCode.CONFLICT, Message.UNIQUE_CONFLICT, unique, existing.get());
                }
                other = claims.get(unique);
                if (other == null) {
                    String token = UUID.randomUUID().toString();
                    claims.put(unique, new Claim(token, new CompletableFuture<>()));
                    return new UniqueClaim(unique, token);
                }
            }
            try {
                other.settled().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable("interrupted while waiting for a unique claim", e);
            } catch (ExecutionException | TimeoutException e) {
                throw unavailable("unique value stayed claimed by another create", e);
            }
        }
    }

    /** Whether {@code claim} still holds its value. */
    synchronized boolean holds(UniqueClaim claim) {
        Claim current = claims.get(claim.unique());
        return current != null && current.token().equals(claim.token());
    }

    /** Ends the claim (its issue is stored, or its create gave up) if it still holds its value; wakes the waiting creates. */
    synchronized void settle(UniqueClaim claim) {
        if (holds(claim)) {
            claims.remove(claim.unique()).settled().complete(null);
        }
    }

    private static TrackerException unavailable(String description, Exception cause) {
        return new TrackerException(ErrorCode.STORE_UNAVAILABLE, Message.STORE_UNAVAILABLE, Map.of(), cause, description);
    }
}
