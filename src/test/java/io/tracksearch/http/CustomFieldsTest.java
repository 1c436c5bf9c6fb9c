package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.testing.Backend;
import io.tracksearch.testing.BulkImport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Custom fields as Tracker defines them, end to end: global fields ({@code POST /v2/fields}) and local
 * ones ({@code POST /v2/queues/{id}/localFields}) in Tracker's shapes; values set by create, edit and
 * import, rendered under their ids, filtered by id, queried by name (local ones as
 * {@code Queue."Name"}) with the operators their type allows, sorted; bad values rejected naming the field.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class CustomFieldsTest {
    @Parameter
    Backend backend;
    private static TestServer server;
    private static String localTester;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
        server.addUser("ann", "Ann", "Archer");
        server.addUser("boris", "Boris", "Bell");
        server.createQueue("CUST");
        server.createQueue("OTHER");
        created(server.post("/v2/fields", """
                {"name": {"en": "Cost", "ru": "Стоимость"}, "id": "cost", "category": "0000000000000003",
                 "type": "ru.yandex.startrek.core.fields.FloatFieldType"}"""));
        created(server.post("/v2/fields", """
                {"name": {"en": "Release stage", "ru": "Стадия"}, "id": "stage", "category": "0000000000000003",
                 "type": "ru.yandex.startrek.core.fields.StringFieldType",
                 "optionsProvider": {"type": "FixedListOptionsProvider", "values": ["alpha", "beta", "stable"]}}"""));
        created(server.post("/v2/fields", """
                {"name": {"en": "Launch"}, "id": "launch", "category": "0000000000000003",
                 "type": "ru.yandex.startrek.core.fields.DateFieldType"}"""));
        created(server.post("/v2/fields", """
                {"name": {"en": "Reviewers"}, "id": "reviewers", "category": "0000000000000003",
                 "type": "ru.yandex.startrek.core.fields.UserFieldType", "container": true}"""));
        JsonNode local = created(server.post("/v2/queues/CUST/localFields", """
                {"name": {"en": "Lead tester", "ru": "Тестировщик"}, "id": "tester", "category": "0000000000000003",
                 "type": "ru.yandex.startrek.core.fields.UserFieldType"}"""));
        localTester = local.get("id").asText();
    }

    private static JsonNode created(TestServer.Response response) {
        assertEquals(201, response.status(), response.toString());
        return response.json();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void fieldsAreDescribedInTrackersShape() {
        JsonNode cost = server.get("/v2/fields/cost").json();
        assertEquals("cost", cost.get("id").asText());
        assertEquals("float", cost.at("/schema/type").asText());
        assertEquals(server.url() + "/v2/fields/cost", cost.get("self").asText());
        List<String> ids = new ArrayList<>();
        server.get("/v2/fields").json().forEach(field -> ids.add(field.get("id").asText()));
        assertTrue(ids.containsAll(List.of("summary", "cost", "stage", "launch", "reviewers")), ids.toString());
        assertTrue(!ids.contains(localTester), "local fields are listed by their queue only");
        JsonNode stage = server.get("/v2/fields/stage").json();
        assertEquals(List.of("alpha", "beta", "stable"), strings(stage.at("/optionsProvider/values")));
        assertEquals("array", server.get("/v2/fields/reviewers").json().at("/schema/type").asText());

        JsonNode locals = server.get("/v2/queues/CUST/localFields").json();
        assertEquals(1, locals.size());
        assertTrue(localTester.endsWith("--tester"), localTester);
        assertEquals("local", locals.get(0).get("type").asText());
        assertEquals(server.url() + "/v2/queues/CUST/localFields/tester", locals.get(0).get("self").asText());
        assertEquals(localTester, server.get("/v2/queues/cust/localFields/tester").json().get("id").asText());
        assertEquals(0, server.get("/v2/queues/OTHER/localFields").json().size());
        assertEquals(404, server.get("/v2/queues/CUST/localFields/nope").status());

        assertEquals(409, server.post("/v2/fields", "{\"name\":{\"en\":\"Cost\"},\"id\":\"cost\",\"category\":\"x\","
                + "\"type\":\"ru.yandex.startrek.core.fields.FloatFieldType\"}").status());
        TestServer.Response badType = server.post("/v2/fields", "{\"name\":{\"en\":\"X\"},\"id\":\"xx\",\"category\":\"x\",\"type\":\"Nope\"}");
        assertEquals(422, badType.status());
        assertTrue(badType.json().at("/errors/type").asText().contains("unknown field type"), badType.toString());
        assertEquals(422, server.post("/v2/fields", "{\"name\":{\"en\":\"S\"},\"id\":\"summary\",\"category\":\"x\","
                + "\"type\":\"StringFieldType\"}").status());
    }

    @Test
    void valuesAreSetRenderedSearchedAndSorted() {
        JsonNode first = created(server.post("/v2/issues/", """
                {"queue": "CUST", "summary": "first", "cost": 12.5, "stage": "beta", "launch": "2026-03-01",
                 "reviewers": ["ann", "boris"], "%s": "ann"}""".formatted(localTester)));
        assertEquals(12.5, first.get("cost").asDouble());
        assertEquals("beta", first.get("stage").asText());
        assertEquals("2026-03-01", first.get("launch").asText());
        assertEquals(2, first.get("reviewers").size());
        assertEquals("Ann Archer", first.at("/" + localTester + "/display").asText());
        String firstKey = first.get("key").asText();
        created(server.post("/v2/issues/", "{\"queue\": \"CUST\", \"summary\": \"second\", \"cost\": 3, \"stage\": \"alpha\"}"));
        TestServer.Response imported = server.post(BulkImport.PATH,
                "{\"key\":\"CUST-50\",\"summary\":\"third\",\"cost\":40,\"" + localTester + "\":\"boris\",\"reviewers\":[\"boris\"]}");
        assertEquals(1, imported.json().get("imported").asInt(), imported.toString());

        assertEquals(List.of(firstKey, "CUST-50"), keys(query("Cost: >= 5 \"Sort by\": Key")));
        assertEquals(List.of("CUST-50", firstKey, "CUST-2"), keys(query("Queue: CUST \"Sort by\": Cost DESC")));
        assertEquals(List.of(firstKey), keys(query("\"Release stage\": beta")));
        assertEquals(List.of(firstKey), keys(query("Стадия: BETA")));
        assertEquals(List.of(firstKey), keys(query("CUST.\"Lead tester\": ann")));
        assertEquals(List.of("CUST-50"), keys(query("CUST.tester: boris")));
        assertEquals(List.of(firstKey, "CUST-50"), keys(query("Reviewers: boris \"Sort by\": Key")));
        assertEquals(List.of(firstKey), keys(query("Launch: < 2026-06-01")));
        assertEquals(List.of("CUST-2"), keys(server.post("/v2/issues/_search", "{\"filter\":{\"cost\":{\"to\":5}}}")));
        assertEquals(List.of(firstKey), keys(server.post("/v2/issues/_search", "{\"filter\":{\"stage\":\"beta\"}}")));

        TestServer.Response edited = server.patch("/v2/issues/" + firstKey, "{\"stage\": \"stable\", \"cost\": null}");
        assertEquals(200, edited.status(), edited.toString());
        assertEquals("stable", edited.json().get("stage").asText());
        assertTrue(edited.json().path("cost").isMissingNode());
        assertEquals(List.of(), keys(query("\"Release stage\": beta")));
    }

    @Test
    void badValuesNameTheField() {
        TestServer.Response option = server.post("/v2/issues/", "{\"queue\":\"CUST\",\"summary\":\"x\",\"stage\":\"gamma\"}");
        assertEquals(422, option.status());
        assertTrue(option.json().at("/errors/stage").asText().contains("alpha"), option.toString());
        TestServer.Response number = server.post("/v2/issues/", "{\"queue\":\"CUST\",\"summary\":\"x\",\"cost\":\"lots\"}");
        assertEquals(422, number.status());
        assertEquals("must be a number", number.json().at("/errors/cost").asText());
        TestServer.Response otherQueue = server.post("/v2/issues/", "{\"queue\":\"OTHER\",\"summary\":\"x\",\"" + localTester + "\":\"ann\"}");
        assertEquals(422, otherQueue.status(), otherQueue.toString());
        assertTrue(otherQueue.json().at("/errors/" + localTester.replace("~", "~0").replace("/", "~1")).asText().contains("local field"),
                otherQueue.toString());
        assertEquals(422, server.post("/v2/issues/", "{\"queue\":\"CUST\",\"summary\":\"x\",\"nosuch\":1}").status());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static TestServer.Response query(String query) {
        ObjectNode body = TestServer.JSON.createObjectNode().put("query", query);
        return server.post("/v2/issues/_search", body.toString());
    }

    private static List<String> keys(TestServer.Response response) {
        assertEquals(200, response.status(), response.toString());
        List<String> keys = new ArrayList<>();
        response.json().forEach(issue -> keys.add(issue.get("key").asText()));
        return keys;
    }
}
