package dev.hypertracker.mcp.resources;

import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.digest.Summarizer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Serves stored results as resources: {@code hypertracker://results/{id}} (JSON) and {@code …/{id}/csv}. */
public final class ResultResources {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ResultStore store;

    public ResultResources(ResultStore store) {
        this.store = store;
    }

    public List<SyncResourceTemplateSpecification> templates() {
        return List.of(
                new SyncResourceTemplateSpecification(
                        ResourceTemplate.builder(ResultStore.URI_PREFIX + "{id}", "result")
                                .title("Full data of a tool result (JSON)")
                                .description("Every row behind a digest, as fetched from HyperTracker. Kept "
                                        + store.ttl().toMinutes()
                                        + " min; the id comes from a tool result's resource_link.")
                                .mimeType("application/json")
                                .build(),
                        (exchange, request) -> read(ResultStore.ownerOf(exchange), request.uri(), false)),
                new SyncResourceTemplateSpecification(
                        ResourceTemplate.builder(ResultStore.URI_PREFIX + "{id}/csv", "result-csv")
                                .title("Full data of a tool result (CSV)")
                                .description("The rows behind a digest as CSV, one row per line.")
                                .mimeType("text/csv")
                                .build(),
                        (exchange, request) -> read(ResultStore.ownerOf(exchange), request.uri(), true)));
    }

    /** The same templates for the stateless transport: results belong to the request's principal. */
    public List<McpStatelessServerFeatures.SyncResourceTemplateSpecification> statelessTemplates() {
        return templates().stream()
                .map(t -> {
                    boolean csv = t.resourceTemplate().uriTemplate().endsWith("/csv");
                    return new McpStatelessServerFeatures.SyncResourceTemplateSpecification(
                            t.resourceTemplate(),
                            (context, request) -> read(ResultStore.ownerOf(context), request.uri(), csv));
                })
                .toList();
    }

    /** Reads {@code owner}'s result; another session's id is answered exactly like an id that never existed. */
    ReadResourceResult read(String owner, String uri, boolean csv) {
        String rest = uri.substring(ResultStore.URI_PREFIX.length());
        String id = csv ? rest.substring(0, rest.length() - "/csv".length()) : rest;
        ResultStore.StoredResult r = store.get(owner, id).orElseThrow(() -> notFound(owner, id));
        Endpoint endpoint = r.endpoint();
        List<JsonNode> rows = Summarizer.rows(endpoint, r.bodies());
        if (csv) {
            return contents(uri, "text/csv", Summarizer.toCsv(endpoint, rows));
        }
        ObjectNode doc = JSON.createObjectNode();
        doc.put("tool", endpoint.tool());
        doc.put("request", r.request());
        doc.put("fetchedAt", r.createdAt().toString());
        doc.put("pages", r.pages().size());
        doc.put("rowCount", rows.size());
        ArrayNode array = doc.putArray("rows");
        rows.forEach(array::add);
        return contents(uri, "application/json", JSON.writeValueAsString(doc));
    }

    private McpError notFound(String owner, String id) {
        String message = store.lookup(owner, id) == ResultStore.Lookup.EXPIRED
                ? "Result " + id + " expired: call the tool again. Results are kept up to "
                        + store.ttl().toMinutes()
                        + " min, and the oldest go first when they fill their share of the server's memory."
                : "Result " + id + " is unknown to this session: call the tool again to get a result id.";
        return McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
                .message(message)
                .build();
    }

    private static ReadResourceResult contents(String uri, String mimeType, String text) {
        return ReadResourceResult.builder(List.of(TextResourceContents.builder(uri, text)
                        .mimeType(mimeType)
                        .build()))
                .build();
    }
}
