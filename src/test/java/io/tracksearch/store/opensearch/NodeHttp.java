package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP to a test node, for making indexes as earlier versions did and reading their mappings back. */
final class NodeHttp {
    private NodeHttp() {
    }

    static HttpResponse<String> request(URI node, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(node.resolve(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The {@code mappings} of a concrete index. */
    static JsonNode mapping(URI node, String index) throws Exception {
        return OpenSearchDocuments.JSON.readTree(request(node, "GET", "/" + index + "/_mapping", null).body()).path(index).path("mappings");
    }
}
