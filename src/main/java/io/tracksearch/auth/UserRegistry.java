package io.tracksearch.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracksearch.model.Digests;
import io.tracksearch.model.Ids;
import io.tracksearch.model.User;
import io.tracksearch.model.Users;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Users and their OAuth tokens, kept in {@code users.json} in the data directory so that the CLI
 * ({@code tracksearch user add}) and a running server share them: the server re-reads the file when it
 * changes. Tokens are stored only as SHA-256 hashes; a token is shown once, when it is created.
 * Writes replace the file atomically (temporary file, fsync, rename), so a crash leaves the old or the
 * new list, never half of one.
 *
 * <p>Threads: thread-safe. Writes and reloads are guarded by {@code this}; reads use the immutable
 * {@code state} without a lock.
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

    /** How often readers look at the file for changes made by another process (the CLI). */
    private static final long RECHECK_NANOS = 1_000_000_000L;

    /** A token's SHA-256 and its owner, compared in constant time (never through a map lookup). */
    private record TokenHash(byte[] hash, User user) {
    }

    /**
     * Everything readers need, replaced as a whole: readers take no lock. The users in uid order and by their
     * names (folded as {@link String#equalsIgnoreCase} compares) are kept because every query naming a user
     * looks them up: scanning and sorting 2,000 users per search cost 6 % of a search's CPU.
     */
    private record State(List<Account> accounts, List<User> users, Map<Long, User> byUid, Map<String, Account> byLogin,
            Map<String, List<User>> byDisplayName, Map<String, List<User>> byFirstOrLastName, List<TokenHash> tokenHashes) {
        static State of(List<Account> accounts) {
            List<User> users = accounts.stream().map(Account::user).sorted(Comparator.comparingLong(User::uid)).toList();
            Map<Long, User> byUid = new HashMap<>();
            Map<String, Account> byLogin = new HashMap<>();
            Map<String, List<User>> byDisplayName = new HashMap<>();
            Map<String, List<User>> byFirstOrLastName = new HashMap<>();
            List<TokenHash> tokenHashes = new ArrayList<>();
            for (Account account : accounts) {
                byUid.put(account.user().uid(), account.user());
                byLogin.put(account.user().login().toLowerCase(Locale.ROOT), account);
                account.tokenHashes().forEach(hash -> tokenHashes.add(new TokenHash(HexFormat.of().parseHex(hash), account.user())));
            }
            for (User user : users) {   // in uid order, so that each list is
                byDisplayName.computeIfAbsent(foldCase(user.display()), name -> new ArrayList<>()).add(user);
                for (String name : new HashSet<>(List.of(foldCase(user.firstName()), foldCase(user.lastName())))) {
                    byFirstOrLastName.computeIfAbsent(name, key -> new ArrayList<>()).add(user);
                }
            }
            byDisplayName.replaceAll((name, named) -> List.copyOf(named));
            byFirstOrLastName.replaceAll((name, named) -> List.copyOf(named));
            return new State(List.copyOf(accounts), users, Map.copyOf(byUid), Map.copyOf(byLogin), Map.copyOf(byDisplayName),
                    Map.copyOf(byFirstOrLastName), List.copyOf(tokenHashes));
        }
    }

    /** Equal for two strings exactly when {@link String#equalsIgnoreCase} says they are. */
    static String foldCase(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().forEach(c -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c))));
        return folded.toString();
    }

    private final Path file;
    private volatile State state = State.of(List.of());
    /** Counts replacements of {@link #state}, each after it (see {@link #version}). Written under this. */
    private volatile long stateVersion;
    private volatile long checkedAt = System.nanoTime() - RECHECK_NANOS;
    // written under this, read without it by authenticate
    private volatile FileTime loadedModified;

    public UserRegistry(Path dataDirectory) {
        this.file = dataDirectory.resolve("users.json");
        synchronized (this) {
            reload();
        }
    }

    /** Whether no user exists yet (first start). */
    public boolean isEmpty() {
        return current().accounts().isEmpty();
    }

    /**
     * Adds a user with the given token (a new random one if null) and returns the token.
     * Throws IllegalArgumentException when the login exists or is not valid.
     */
    public synchronized String add(String login, String firstName, String lastName, String email, List<String> groups, String token) {
        reload();
        if (login == null || !Ids.isLogin(login)) {
            throw new IllegalArgumentException("login must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (state.byLogin().containsKey(login.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("user " + login + " already exists");
        }
        String secret = token == null ? newToken() : token;
        if (secret.isBlank() || secret.contains(" ") || secret.equalsIgnoreCase("not provided")) {
            throw new IllegalArgumentException("a token must be non-empty and contain no spaces");
        }
        List<Account> updated = new ArrayList<>(state.accounts());
        updated.add(new Account(new User(nextUid(), login, firstName, lastName, email, groups), List.of(hash(secret))));
        write(updated);
        return secret;
    }

    /**
     * Makes sure users with these logins exist, creating missing ones without tokens (bulk import of
     * issues that name people who never log in); one file write for the whole batch.
     */
    public synchronized void ensureExist(Collection<String> logins) {
        reload();
        List<Account> updated = new ArrayList<>(state.accounts());
        long uid = nextUid();
        Set<String> known = new HashSet<>(state.byLogin().keySet());
        for (String login : logins) {
            if (Ids.isLogin(login) && known.add(login.toLowerCase(Locale.ROOT))) {
                updated.add(new Account(new User(uid++, login, null, null, null, List.of()), List.of()));
            }
        }
        if (updated.size() != state.accounts().size()) {
            write(updated);
        }
    }

    /**
     * Adds users copied from another Tracker with their own uids (a sync mirror keeps uids, so issues
     * name the same people), without tokens; one file write. A user here with the same uid and login is
     * the same person: its names and email follow the source, its tokens and groups stay. A user whose
     * uid or login is taken here by someone else is not added and is returned, so the caller can report it.
     */
    public synchronized List<User> addMirrored(Collection<User> mirrored) {
        reload();
        List<Account> updated = new ArrayList<>(state.accounts());
        Map<Long, Integer> positions = new HashMap<>();
        for (int i = 0; i < updated.size(); i++) {
            positions.put(updated.get(i).user().uid(), i);
        }
        Set<String> logins = new HashSet<>(state.byLogin().keySet());
        List<User> refused = new ArrayList<>();
        boolean changed = false;
        for (User user : mirrored) {
            Integer position = positions.get(user.uid());
            if (position != null && updated.get(position).user().login().equalsIgnoreCase(user.login())) {
                Account account = updated.get(position);
                User renamed = new User(user.uid(), account.user().login(), user.firstName(), user.lastName(), user.email(), account.user().groups());
                changed |= !renamed.equals(account.user());
                updated.set(position, new Account(renamed, account.tokenHashes()));
                continue;
            }
            if (position != null || !Ids.isLogin(user.login()) || !logins.add(user.login().toLowerCase(Locale.ROOT))) {
                refused.add(user);
                continue;
            }
            positions.put(user.uid(), updated.size());
            updated.add(new Account(user, List.of()));
            changed = true;
        }
        if (changed) {
            write(updated);
        }
        return refused;
    }

    /** Adds a token to an existing user and returns it. */
    public synchronized String addToken(String login, String token) {
        reload();
        Account account = state.byLogin().get(login.toLowerCase(Locale.ROOT));
        if (account == null) {
            throw new IllegalArgumentException("no user " + login);
        }
        String secret = token == null ? newToken() : token;
        List<String> hashes = new ArrayList<>(account.tokenHashes());
        hashes.add(hash(secret));
        List<Account> updated = new ArrayList<>(state.accounts());
        updated.set(updated.indexOf(account), new Account(account.user(), hashes));
        write(updated);
        return secret;
    }

    /** Whether any user has a token, i.e. whether any request can be authenticated. */
    public boolean anyoneHasToken() {
        return current().accounts().stream().anyMatch(account -> !account.tokenHashes().isEmpty());
    }

    /** Removes a user and its tokens; returns false when there was none. */
    public synchronized boolean remove(String login) {
        reload();
        Account account = state.byLogin().get(login.toLowerCase(Locale.ROOT));
        if (account == null) {
            return false;
        }
        List<Account> updated = new ArrayList<>(state.accounts());
        updated.remove(account);
        write(updated);
        return true;
    }

    /**
     * The user owning a token, if any. Checks the file every time (one stat), so a token removed with
     * the CLI stops working at once; other lookups check at most once a second. The token's hash is
     * compared with every stored hash in constant time ({@link MessageDigest#isEqual}), with no early
     * exit, so the time taken tells nothing about how close a guess came.
     */
    public Optional<User> authenticate(String token) {
        // the stat without the lock, which every request would otherwise queue on; the lock only to reload
        if (!Objects.equals(modifiedTime(), loadedModified)) {
            synchronized (this) {
                reload();
            }
        }
        byte[] presented = Digests.sha256(token);
        User owner = null;
        for (TokenHash stored : state.tokenHashes()) {
            if (MessageDigest.isEqual(stored.hash(), presented)) {
                owner = stored.user();
            }
        }
        return Optional.ofNullable(owner);
    }

    /** Changes with every change to the users, also one made by the CLI (seen within a second, as by other reads). */
    @Override
    public long version() {
        current();
        return stateVersion;
    }

    @Override
    public Optional<User> byUid(long uid) {
        return Optional.ofNullable(current().byUid().get(uid));
    }

    @Override
    public Optional<User> byLogin(String login) {
        return Optional.ofNullable(current().byLogin().get(login.toLowerCase(Locale.ROOT))).map(Account::user);
    }

    @Override
    public List<User> all() {
        return current().users();
    }

    @Override
    public List<User> byDisplayName(String name) {
        return current().byDisplayName().getOrDefault(foldCase(name), List.of());
    }

    @Override
    public List<User> byFirstOrLastName(String name) {
        return current().byFirstOrLastName().getOrDefault(foldCase(name), List.of());
    }

    public static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "ts1_" + HexFormat.of().formatHex(bytes);
    }

    private long nextUid() {
        return state.accounts().stream().mapToLong(account -> account.user().uid()).max().orElse(FIRST_UID - 1) + 1;
    }

    /**
     * The current users. Reads take no lock; at most once a second one reader checks the file's
     * modification time, so users added by the CLI reach a running server within a second.
     */
    private State current() {
        if (System.nanoTime() - checkedAt >= RECHECK_NANOS) {
            synchronized (this) {
                if (System.nanoTime() - checkedAt >= RECHECK_NANOS) {
                    reload();
                }
            }
        }
        return state;
    }

    /** The users file's modification time; null when there is none. */
    private FileTime modifiedTime() {
        try {
            return Files.getLastModifiedTime(file);
        }
        catch (NoSuchFileException e) {
            return null;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    // Guarded by this.
    private void reload() {
        checkedAt = System.nanoTime();
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(loadedModified)) {
                return;
            }
            state = State.of(JSON.readValue(Files.readAllBytes(file), new TypeReference<List<Account>>() { }));
            stateVersion++;
            loadedModified = modified;
        }
        catch (NoSuchFileException e) {
            if (loadedModified != null || !state.accounts().isEmpty()) {   // no file, still: nothing changed
                state = State.of(List.of());
                stateVersion++;
            }
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
            state = State.of(updated);
            stateVersion++;
            loadedModified = Files.getLastModifiedTime(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String hash(String token) {
        return HexFormat.of().formatHex(Digests.sha256(token));
    }
}
