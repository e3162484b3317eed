package dev.hypertracker.mcp.transport;

import dev.hypertracker.mcp.tools.ToolsetDiscovery;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.HttpHeaders;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * The session an HTTP request belongs to, handed to the SDK as the request's transport context, so that a
 * tools/list filter (which sees only that context) can show each session its own tools (ToolsetDiscovery).
 * Streamable HTTP names the session in the Mcp-Session-Id header, legacy SSE in the message URL's sessionId.
 */
final class SessionContext {
    private static final String SSE_SESSION_PARAMETER = "sessionId=";

    private SessionContext() {}

    static McpTransportContext of(HttpServletRequest request) {
        String id = request.getHeader(HttpHeaders.MCP_SESSION_ID);
        if (id == null) id = sseSessionId(request.getQueryString());
        return id == null || id.isEmpty()
                ? McpTransportContext.EMPTY
                : McpTransportContext.create(Map.of(ToolsetDiscovery.SESSION_KEY, id));
    }

    /** From the query string itself: getParameter could read a form body, which is the SDK's to read. */
    private static String sseSessionId(String query) {
        if (query == null) return null;
        for (String pair : query.split("&")) {
            if (pair.startsWith(SSE_SESSION_PARAMETER)) return pair.substring(SSE_SESSION_PARAMETER.length());
        }
        return null;
    }
}
