package dev.hypertracker.mcp.transport;

import static dev.hypertracker.mcp.transport.HttpTransportServerTest.echo;
import static dev.hypertracker.mcp.transport.HttpTransportServerTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypertracker.mcp.transport.McpTestClients.Connected;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransportSecurityTest {
    private static final String TOKEN = "correct-horse-battery-staple";
    private static final Map<String, String> AUTHORIZED = Map.of("Authorization", "Bearer " + TOKEN);

    private HttpTransportServer server;
    private URI mcp;

    @BeforeEach
    void startWithToken() {
        server = HttpTransportServer.start(
                HttpTransportConfig.defaults()
                        .withPort(0)
                        .withKinds(EnumSet.of(TransportKind.HTTP, TransportKind.SSE))
                        .withAuthToken(TOKEN)
                        .withExtraAllowedOrigins(java.util.List.of("https://app.example.com"))
                        .withMaxRequestBytes(64 * 1024),
                new TestAssembly());
        mcp = server.endpointUrl(TransportKind.HTTP);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void foreignOriginIsForbidden() throws Exception {
        HttpResponse<String> response = McpTestClients.post(
                mcp,
                Map.of("Authorization", "Bearer " + TOKEN, "Origin", "http://evil.example"),
                McpTestClients.INITIALIZE);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Invalid Origin header");
    }

    @Test
    void ownAndConfiguredOriginsAreAllowed() throws Exception {
        for (String origin : new String[] {
            "http://localhost:" + server.port(), "http://127.0.0.1:" + server.port(), "https://app.example.com"
        }) {
            HttpResponse<String> response = McpTestClients.post(
                    mcp, Map.of("Authorization", "Bearer " + TOKEN, "Origin", origin), McpTestClients.INITIALIZE);
            assertThat(response.statusCode()).as(origin).isEqualTo(200);
        }
    }

    @Test
    void foreignHostIsMisdirected() throws Exception {
        // java.net.http will not send a Host header of our choosing, so speak HTTP/1.1 directly
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /sse HTTP/1.1\r\nHost: rebound.evil.example:" + server.port() + "\r\nAuthorization: Bearer "
                            + TOKEN + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 421");
        }
    }

    @Test
    void missingTokenIsUnauthorizedWithABearerChallenge() throws Exception {
        HttpResponse<String> response = McpTestClients.post(mcp, Map.of(), McpTestClients.INITIALIZE);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"hypertracker-mcp\"");
    }

    @Test
    void wrongTokenIsUnauthorizedOnEveryMcpEndpoint() throws Exception {
        Map<String, String> wrong = Map.of("Authorization", "Bearer correct-horse-battery-stapler");
        HttpResponse<String> streamable = McpTestClients.post(mcp, wrong, McpTestClients.INITIALIZE);
        assertThat(streamable.statusCode()).isEqualTo(401);
        assertThat(streamable.headers().firstValue("WWW-Authenticate"))
                .get()
                .asString()
                .contains("invalid_token");
        assertThat(McpTestClients.get(server.endpointUrl(TransportKind.SSE), wrong)
                        .statusCode())
                .isEqualTo(401);
        assertThat(McpTestClients.post(
                                server.baseUrl().resolve(HttpTransportServer.SSE_MESSAGE_PATH + "?sessionId=x"),
                                wrong,
                                "{}")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void correctTokenLetsTheSdkClientsIn() {
        try (Connected streamable = McpTestClients.streamable(server, TOKEN);
                Connected sse = McpTestClients.sse(server, TOKEN)) {
            assertThat(text(streamable.client().callTool(echo("a")))).isEqualTo("echo: a");
            assertThat(text(sse.client().callTool(echo("b")))).isEqualTo("echo: b");
        }
    }

    @Test
    void healthzNeedsNoToken() throws Exception {
        HttpResponse<String> response =
                McpTestClients.get(server.baseUrl().resolve(HttpTransportServer.HEALTH_PATH), Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"status\":\"ok\"");
    }

    @Test
    void bodyOverTheLimitIsTooLarge() throws Exception {
        String oversized = McpTestClients.INITIALIZE.replace("\"raw\"", "\"" + "x".repeat(65 * 1024) + "\"");
        assertThat(McpTestClients.post(mcp, AUTHORIZED, oversized).statusCode()).isEqualTo(413);
        assertThat(McpTestClients.post(mcp, AUTHORIZED, McpTestClients.INITIALIZE)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBrowserPreflightFromAnAllowedOriginIsAnsweredWithoutAToken() throws Exception {
        for (URI endpoint : new URI[] {mcp, server.endpointUrl(TransportKind.SSE)}) {
            HttpResponse<String> preflight = McpTestClients.send(
                    "OPTIONS",
                    endpoint,
                    Map.of(
                            "Origin",
                            "https://app.example.com",
                            "Access-Control-Request-Method",
                            "POST",
                            "Access-Control-Request-Headers",
                            "authorization, content-type, mcp-session-id"),
                    null);
            assertThat(preflight.statusCode()).as("%s", endpoint).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                    .hasValue("https://app.example.com");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
                    .get()
                    .asString()
                    .contains("POST");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                    .get()
                    .asString()
                    .contains("Authorization", "Content-Type", "Mcp-Session-Id", "MCP-Protocol-Version");
        }
    }

    @Test
    void allowedOriginsMayReadTheSessionHeaders() throws Exception {
        HttpResponse<String> response = McpTestClients.post(
                mcp,
                Map.of("Authorization", "Bearer " + TOKEN, "Origin", "https://app.example.com"),
                McpTestClients.INITIALIZE);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers"))
                .get()
                .asString()
                .contains("Mcp-Session-Id", "MCP-Protocol-Version");
        HttpResponse<String> unauthorized =
                McpTestClients.post(mcp, Map.of("Origin", "https://app.example.com"), McpTestClients.INITIALIZE);
        assertThat(unauthorized.statusCode()).isEqualTo(401); // readable by the page, so it can ask for a token
        assertThat(unauthorized.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("https://app.example.com");
    }

    @Test
    void foreignOriginsGetNoCorsHeaders() throws Exception {
        HttpResponse<String> preflight = McpTestClients.send(
                "OPTIONS", mcp, Map.of("Origin", "http://evil.example", "Access-Control-Request-Method", "POST"), null);
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .isEmpty();
        HttpResponse<String> post = McpTestClients.post(
                mcp,
                Map.of("Authorization", "Bearer " + TOKEN, "Origin", "http://evil.example"),
                McpTestClients.INITIALIZE);
        assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(post.headers().firstValue("Access-Control-Expose-Headers")).isEmpty();
    }

    @Test
    void nonLoopbackBindWithoutTokenIsRefusedAtStartup() {
        HttpTransportConfig exposed =
                HttpTransportConfig.defaults().withHost("0.0.0.0").withPort(0);
        assertThatThrownBy(() -> HttpTransportServer.start(exposed, new TestAssembly()))
                .isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining("--auth-token")
                .hasMessageContaining(HttpTransportConfig.AUTH_TOKEN_ENV);
    }
}
