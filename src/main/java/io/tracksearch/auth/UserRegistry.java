package io.tracksearch.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracksearch.model.User;
import io.tracksearch.model.Users;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Users and their OAuth tokens, kept in {@code users.json} in the data directory so that the CLI
 * ({@code tracksearch user add}) and a running server share them: the server re-reads the file when it
 * changes. Tokens are stored only as SHA-256 hashes; a token is shown once, when it is created.
 * Writes replace the file atomically (temporary file, fsync, rename), so a crash leaves the old or the
 * new list, never half of one.
 *
 * <p>Threads: thread-safe; all state is guarded by {@code this}.
 */
public final class UserRegistry implements Users {
    public static final long FIRST_UID = 1_000_000_001L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One user with the hashes of its tokens, as persisted. */
    public record Account(User user, List<String> tokenHashes) {
        public Account {
            tokenHashes = List.copyOf(tokenHashes);
        }
    }

    private final Path file;
    private List<Account> accounts = List.of();
    /** Indexes of {@link #accounts}, rebuilt whenever it changes: lookups run per rendered user reference. */
    private java.util.Map<Long, User> usersByUid = java.util.Map.of();
    private java.util.Map<String, Account> accountsByLogin = java.util.Map.of();
    private List<User> usersInUidOrder = List.of();
    private FileTime loadedModified;
    /** When the file was last checked for changes (System.nanoTime). */
    private long lastCheckNanos;
    /**
     * Lookups (byUid, byLogin, all) run per rendered user reference, so they check the file at most this
     * often; authenticate and every change check it each time, so each request still sees the file as
     * it is when the request starts.
     */
    private static final long LOOKUP_CHECK_NANOS = 250_000_000L;

    public UserRegistry(Path dataDirectory) {
        this.file = dataDirectory.resolve("users.json");
        reloadIfChanged();
    }

    /** Whether no user exists yet (first start). */
    public synchronized boolean isEmpty() {
        reloadIfChanged();
        return accounts.isEmpty();
    }

    /**
     * Adds a user with the given token (a new random one if null) and returns the token.
     * Throws IllegalArgumentException when the login exists or is not valid.
     */
    public synchronized String add(String login, String firstName, String lastName, String email, List<String> groups, String token) {
        reloadIfChanged();
        if (login == null || !login.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("login must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (findAccount(login).isPresent()) {
            throw new IllegalArgumentException("user " + login + " already exists");
        }
        String secret = token == null ? newToken() : token;
        if (secret.isBlank() || secret.contains(" ") || secret.equalsIgnoreCase("not provided")) {
            throw new IllegalArgumentException("a token must be non-empty and contain no spaces");
        }
        long uid = accounts.stream().mapToLong(account -> account.user().uid()).max().orElse(FIRST_UID - 1) + 1;
        List<Account> updated = new ArrayList<>(accounts);
        updated.add(new Account(new User(uid, login, firstName, lastName, email, groups), List.of(hash(secret))));
        write(updated);
        return secret;
    }

    /**
     * Makes sure users with these logins exist, creating missing ones without tokens (bulk import of
     * issues that name people who never log in); one file write for the whole batch.
     */
    public synchronized void ensureExist(java.util.Collection<String> logins) {
        reloadIfChanged();
        List<Account> updated = new ArrayList<>(accounts);
        long nextUid = accounts.stream().mapToLong(account -> account.user().uid()).max().orElse(FIRST_UID - 1) + 1;
        java.util.Set<String> known = new java.util.HashSet<>();
        accounts.forEach(account -> known.add(account.user().login().toLowerCase(Locale.ROOT)));
        for (String login : logins) {
            if (login.matches("[A-Za-z0-9._-]{1,64}") && known.add(login.toLowerCase(Locale.ROOT))) {
                updated.add(new Account(new User(nextUid++, login, null, null, null, List.of()), List.of()));
            }
        }
        if (updated.size() != accounts.size()) {
            write(updated);
        }
    }

    /** Adds a token to an existing user and returns it. */
    public synchronized String addToken(String login, String token) {
        reloadIfChanged();
        Account account = findAccount(login).orElseThrow(() -> new IllegalArgumentException("no user " + login));
        String secret = token == null ? newToken() : token;
        List<String> hashes = new ArrayList<>(account.tokenHashes());
        hashes.add(hash(secret));
        List<Account> updated = new ArrayList<>(accounts);
        updated.set(updated.indexOf(account), new Account(account.user(), hashes));
        write(updated);
        return secret;
    }

    /** Removes a user and its tokens; returns false when there was none. */
    public synchronized boolean remove(String login) {
        reloadIfChanged();
        Optional<Account> account = findAccount(login);
        if (account.isEmpty()) {
            return false;
        }
        List<Account> updated = new ArrayList<>(accounts);
        updated.remove(account.get());
        write(updated);
        return true;
    }

    /** The user owning a token, if any. */
    public synchronized Optional<User> authenticate(String token) {
        reloadIfChanged();
        String hashed = hash(token);
        for (Account account : accounts) {
            for (String tokenHash : account.tokenHashes()) {
                if (MessageDigest.isEqual(tokenHash.getBytes(StandardCharsets.US_ASCII), hashed.getBytes(StandardCharsets.US_ASCII))) {
                    return Optional.of(account.user());
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized Optional<User> byUid(long uid) {
        reloadForLookup();
        return Optional.ofNullable(usersByUid.get(uid));
    }

    @Override
    public synchronized Optional<User> byLogin(String login) {
        reloadForLookup();
        return findAccount(login).map(Account::user);
    }

    @Override
    public synchronized List<User> all() {
        reloadForLookup();
        return usersInUidOrder;
    }

    public static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "ts1_" + HexFormat.of().formatHex(bytes);
    }

    private Optional<Account> findAccount(String login) {
        return Optional.ofNullable(accountsByLogin.get(login.toLowerCase(Locale.ROOT)));
    }

    private void setAccounts(List<Account> updated) {
        accounts = List.copyOf(updated);
        java.util.Map<Long, User> byUid = new java.util.HashMap<>();
        java.util.Map<String, Account> byLogin = new java.util.HashMap<>();
        for (Account account : accounts) {
            byUid.putIfAbsent(account.user().uid(), account.user());
            byLogin.putIfAbsent(account.user().login().toLowerCase(Locale.ROOT), account);
        }
        usersByUid = byUid;
        accountsByLogin = byLogin;
        usersInUidOrder = accounts.stream().map(Account::user).sorted(Comparator.comparingLong(User::uid)).toList();
    }

    private void reloadForLookup() {
        if (loadedModified == null || System.nanoTime() - lastCheckNanos >= LOOKUP_CHECK_NANOS) {
            reloadIfChanged();
        }
    }

    // Re-reading costs one stat per call; the file changes only when an operator edits users.
    private void reloadIfChanged() {
        lastCheckNanos = System.nanoTime();
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(loadedModified)) {
                return;
            }
            setAccounts(JSON.readValue(Files.readAllBytes(file), new TypeReference<List<Account>>() { }));
            loadedModified = modified;
        }
        catch (NoSuchFileException e) {
            setAccounts(List.of());
            loadedModified = null;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void write(List<Account> updated) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling("users.json.tmp");
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(updated);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            }
            catch (IOException ignored) {
                // some file systems cannot fsync a directory; the rename itself is still atomic
            }
            setAccounts(updated);
            loadedModified = Files.getLastModifiedTime(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
