package io.tracksearch.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.store.StoredObject;
import io.tracksearch.store.StoredObjects;
import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link StoredObjects} contract on each backend, below HTTP: concurrent creates get distinct ids,
 * concurrent updates of one object all take effect (none lost, the version counts them), an unchanged value
 * writes nothing, and kinds do not see each other's objects.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class StoredObjectsTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 10;
    @Parameter
    Backend backend;
    private static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void concurrentCreatesGetDistinctIdsAndUpdatesAreNotLost() throws Exception {
        StoredObjects objects = server.store().objects();
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        StoredObject counter = objects.create("counter", JsonNodeFactory.instance.objectNode().put("count", 0));
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                work.add(threads.submit(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        ids.add(objects.create("thing", JsonNodeFactory.instance.objectNode().put("n", i)).id());
                        objects.update("counter", counter.id(), stored -> stored.value().deepCopy()
                                .put("count", stored.value().get("count").asInt() + 1));
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(THREADS * PER_THREAD, ids.size(), "ids handed out twice");
        assertEquals(THREADS * PER_THREAD, objects.list("thing").size());
        StoredObject counted = objects.get("counter", counter.id()).orElseThrow();
        assertEquals(THREADS * PER_THREAD, counted.value().get("count").asInt(), "an update was lost");
        assertEquals(1 + THREADS * PER_THREAD, counted.version());

        StoredObject same = objects.update("counter", counter.id(), stored -> stored.value().deepCopy()).orElseThrow();
        assertEquals(counted.version(), same.version(), "an unchanged value writes nothing");
        assertTrue(objects.update("counter", 999_999, stored -> (ObjectNode) stored.value()).isEmpty());
        assertTrue(objects.get("thing", 999_999).isEmpty());
        assertEquals(List.of(counter.id()), objects.list("counter").stream().map(StoredObject::id).toList());
        assertEquals(List.of(), objects.list("nothing"));
    }
}
