package dev.hypertracker.mcp.transport;

import dev.hypertracker.mcp.auth.OAuthResourceServer;
import io.modelcontextprotocol.json.McpJsonMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /.well-known/oauth-protected-resource[/mcp]} in the OAuth resource-server mode: RFC 9728 metadata that
 * tells a client which authorization server issues tokens for this resource. Public (no auth), readable from any
 * origin, as a client fetches it before it has a token.
 */
final class ProtectedResourceMetadataServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient OAuthResourceServer oauth;
    private final transient McpJsonMapper jsonMapper;

    ProtectedResourceMetadataServlet(OAuthResourceServer oauth, McpJsonMapper jsonMapper) {
        this.oauth = oauth;
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "max-age=3600");
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.getWriter().write(jsonMapper.writeValueAsString(oauth.metadata()));
    }
}
