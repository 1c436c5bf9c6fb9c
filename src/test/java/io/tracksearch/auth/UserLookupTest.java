package io.tracksearch.auth;

import io.tracksearch.model.User;
import io.tracksearch.model.Users;
import io.tracksearch.store.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The registry's indexed name lookups answer exactly what a scan of every user with
 * {@link String#equalsIgnoreCase} answers ({@link Users}'s own methods), for names that differ in case and
 * script, repeat across users, and are empty. Set -Doracle.seed=N to replay a failure.
 */
class UserLookupTest {
    private static final List<String> NAMES = List.of("Anna", "anna", "ANNA", "Ivan", "Иван", "иван", "ИВАН", "Straße",
            "STRASSE", "İlker", "ılker", "Ölçer", "Zoë", "", "Jo", "jo", "Anna Ivan");

    @TempDir
    Path directory;

    @Test
    void indexedLookupsEqualAScan() {
        long seed = Long.getLong("oracle.seed", new Random().nextLong());
        Random random = new Random(seed);
        UserRegistry registry = new UserRegistry(directory);
        List<User> mirrored = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            mirrored.add(new User(5000 + random.nextInt(100_000), "user" + i, name(random), name(random), null, List.of()));
        }
        registry.addMirrored(mirrored);
        Users plain = new TestUsers(registry.all());   // the interface's own scans over the same users, in uid order
        for (String name : NAMES) {
            for (String wanted : List.of(name, name + " " + NAMES.get(random.nextInt(NAMES.size())))) {
                String context = "seed " + seed + ", name '" + wanted + "'";
                assertEquals(plain.byDisplayName(wanted), registry.byDisplayName(wanted), context);
                assertEquals(plain.byFirstOrLastName(wanted), registry.byFirstOrLastName(wanted), context);
            }
        }
        assertEquals(registry.all().stream().sorted((a, b) -> Long.compare(a.uid(), b.uid())).toList(), registry.all(), "seed " + seed);
    }

    private static String name(Random random) {
        return NAMES.get(random.nextInt(NAMES.size()));
    }
}
