package io.tracksearch.query;

import io.tracksearch.model.Component;
import io.tracksearch.model.Queue;
import io.tracksearch.model.User;
import io.tracksearch.model.Users;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** A small fixed organisation and a fixed "now" (Wednesday 2024-05-15 10:30:45.123 UTC) for resolver tests. */
final class QueryFixtures {
    static final Instant NOW = Instant.parse("2024-05-15T10:30:45.123Z");

    static final User CALLER = new User(10, "anna", "Anna", "Smirnova", "anna@example.com", List.of());
    static final User IVAN = new User(11, "ivan", "Ivan", "Ivanov", null, List.of("Sales department"));
    static final User VPUPKIN = new User(12, "vpupkin", "Vasily", "Pupkin", null, List.of());
    static final User IIVANOV = new User(13, "iivanov", "Ilya", "Ivanov", null, List.of("sales department"));
    static final User USER3370 = new User(14, "user3370", "Ivan", "Petrov", null, List.of());
    static final User NO_NAME = new User(15, "ghost", null, null, null, List.of());

    static final List<Queue> QUEUES = List.of(
            new Queue(1, "TEST", 1, "Testing", null, 10, "task", "normal", List.of(new Component(7, "Backend"))),
            new Queue(2, "TREK", 1, "Trekking", null, 10, "task", "normal", List.of()));

    static final Users USERS = new Users() {
        private final List<User> all = List.of(CALLER, IVAN, VPUPKIN, IIVANOV, USER3370, NO_NAME);

        @Override
        public Optional<User> byUid(long uid) {
            return all.stream().filter(user -> user.uid() == uid).findFirst();
        }

        @Override
        public Optional<User> byLogin(String login) {
            return all.stream().filter(user -> user.login().equals(login)).findFirst();
        }

        @Override
        public List<User> all() {
            return all;
        }
    };

    static final QueryContext CONTEXT = new QueryContext(CALLER, NOW, USERS, QUEUES);

    private QueryFixtures() {
    }

    /** Epoch millis of 00:00 UTC of a date. */
    static long day(String isoDate) {
        return LocalDate.parse(isoDate).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    static long instant(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    static String uid(User user) {
        return Long.toString(user.uid());
    }
}
