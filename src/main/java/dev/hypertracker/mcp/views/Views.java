package dev.hypertracker.mcp.views;

import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.spec.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The MCP Apps extension ({@code io.modelcontextprotocol/ui}, spec 2026-01-26) as this server speaks it: the
 * extension in the server capabilities, the views as {@code ui://} resources of type
 * {@code text/html;profile=mcp-app}, and whether a client declared the extension.
 */
public final class Views {
    public static final String EXTENSION = "io.modelcontextprotocol/ui";
    public static final String MIME_TYPE = "text/html;profile=mcp-app";
    /** Where a tool result carries the chart data for a view (only for clients that declared the extension). */
    public static final String CHART_META_KEY = "dev.hypertracker/chart";

    private Views() {}

    /** The server capability: the extension with the one content type it serves (the clients' shape). */
    public static Map<String, Map<String, Object>> capability() {
        return Map.of(EXTENSION, Map.of("mimeTypes", List.of(MIME_TYPE)));
    }

    /** True when the client declared the extension with the MCP Apps HTML type. */
    public static boolean supportedBy(ClientCapabilities client) {
        if (client == null || client.extensions() == null) return false;
        Map<String, Object> ui = client.extensions().get(EXTENSION);
        return ui != null && ui.get("mimeTypes") instanceof List<?> types && types.contains(MIME_TYPE);
    }

    /** The tool's {@code _meta}: the view that renders its results. */
    public static Map<String, Object> toolMeta(View view) {
        return Map.of("ui", Map.of("resourceUri", view.uri()));
    }

    /**
     * One resource per view. The content asks for a border and declares no CSP domains: the view fetches nothing,
     * so the host's restrictive default policy applies.
     */
    public static List<SyncResourceSpecification> resources() {
        return Arrays.stream(View.values())
                .map(view -> new SyncResourceSpecification(
                        Resource.builder(view.uri(), view.name().toLowerCase().replace('_', '-'))
                                .title(view.title())
                                .description(view.description())
                                .mimeType(MIME_TYPE)
                                .build(),
                        (exchange, request) -> ReadResourceResult.builder(
                                        List.of(TextResourceContents.builder(view.uri(), view.html())
                                                .mimeType(MIME_TYPE)
                                                .meta(Map.of("ui", Map.of("prefersBorder", true)))
                                                .build()))
                                .build()))
                .toList();
    }
}
