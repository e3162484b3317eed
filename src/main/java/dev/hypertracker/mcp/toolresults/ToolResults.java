package dev.hypertracker.mcp.toolresults;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every tool that reads the API shares, whatever builds it (an endpoint tool, a brief): hints, errors, progress. */
public final class ToolResults {
    private static final Logger log = LoggerFactory.getLogger(ToolResults.class);

    private ToolResults() {}

    /** Read-only, idempotent, and open-world: it reads the live HyperTracker API. */
    public static ToolAnnotations readsTheApi() {
        return ToolAnnotations.builder()
                .readOnlyHint(true)
                .destructiveHint(false)
                .idempotentHint(true)
                .openWorldHint(true)
                .build();
    }

    public static CallToolResult error(String message) {
        return CallToolResult.builder().isError(true).addTextContent(message).build();
    }

    /** The client's progress token, or null when it asked for no progress. */
    public static Object progressToken(CallToolRequest request) {
        return request.meta() == null ? null : request.meta().get("progressToken");
    }

    /** A progress notification when the client asked for them; a failure to deliver one never fails the call. */
    public static void progress(McpSyncServerExchange exchange, Object token, int done, int total, String message) {
        if (token == null || exchange == null) return;
        try {
            exchange.progressNotification(ProgressNotification.builder(token, done)
                    .total((double) total)
                    .message(message)
                    .build());
        } catch (RuntimeException e) {
            log.debug("progress notification not delivered: {}", e.toString());
        }
    }
}
