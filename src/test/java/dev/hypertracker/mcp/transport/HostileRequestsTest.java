package dev.hypertracker.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.support.SandboxHarness;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11 items 11 and 12, against the real server (tools, resources, prompts, completions) over both transports:
 * wrong-typed request shapes get a prompt JSON-RPC error, and no HTTP body carries a stack trace, a Java class or
 * package name, or a version.
 */
class HostileRequestsTest {
    /** What a client must never read: Java type and package names, exceptions, stack frames, versions. */
    private static final Pattern JAVA_TEXT = Pattern.compile(
            "java\\.|jakarta\\.|tools\\.jackson|io\\.modelcontextprotocol|org\\.eclipse|Exception|stackTrace"
                    + "|className|\\$[A-Z]|Jetty|17\\.0\\.|21\\.0\\.");

    private static SandboxHarness harness;
    private static HttpTransportServer server;
    private static URI mcp;
    private static String sessionId;

    @BeforeAll
    static void start() throws Exception {
        harness = SandboxHarness.start();
        server = HttpTransportServer.start(
                HttpTransportConfig.defaults().withPort(0).withKinds(EnumSet.of(TransportKind.HTTP, TransportKind.SSE)),
                harness.server());
        mcp = server.endpointUrl(TransportKind.HTTP);
        HttpResponse<String> initialized = McpTestClients.post(mcp, Map.of(), McpTestClients.INITIALIZE);
        sessionId = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
        McpTestClients.post(
                mcp,
                Map.of("Mcp-Session-Id", sessionId),
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    @AfterAll
    static void stop() {
        server.close();
        harness.close();
    }

    /** The 13 shapes of the issue: {@code params} as array or string, members of the wrong type, a null or missing one. */
    static Stream<Arguments> wrongShapes() {
        return Stream.of(
                Arguments.of("tools/call", "[1,2]"),
                Arguments.of("tools/call", "\"list_cohorts\""),
                Arguments.of("tools/call", "{\"name\":\"list_cohorts\",\"arguments\":\"x\"}"),
                Arguments.of("tools/call", "{\"name\":\"list_cohorts\",\"arguments\":[1]}"),
                Arguments.of("resources/read", "[\"hypertracker://x\"]"),
                Arguments.of("resources/read", "\"hypertracker://x\""),
                Arguments.of("resources/read", "{\"uri\":{\"a\":1}}"),
                Arguments.of("prompts/get", "[1]"),
                Arguments.of("prompts/get", "{\"name\":\"x\",\"arguments\":\"x\"}"),
                Arguments.of("prompts/get", "{\"name\":\"x\",\"arguments\":[1]}"),
                Arguments.of(
                        "completion/complete", "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"x\"},\"argument\":null}"),
                Arguments.of("completion/complete", "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"x\"}}"),
                Arguments.of("completion/complete", "\"x\""));
    }

    @ParameterizedTest(name = "{0} with params {1}")
    @MethodSource("wrongShapes")
    void streamableAnswersAWrongShapeWithAJsonRpcError(String method, String params) throws Exception {
        HttpResponse<String> response = McpTestClients.post(
                mcp,
                Map.of("Mcp-Session-Id", sessionId),
                "{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"" + method + "\",\"params\":" + params + "}");
        assertThat(response.body())
                .contains("\"id\":77,\"error\":{\"code\":-32")
                .doesNotContainPattern(JAVA_TEXT);
    }

    @Test
    void sseAnswersWrongShapesWithPublicMessages() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) McpTestClients.GUARD.toMillis());
            socket.getOutputStream()
                    .write(("GET /sse HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                                    + "\r\nAccept: text/event-stream\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            BufferedReader events =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String endpoint = nextData(events);
            URI messages = server.baseUrl().resolve(endpoint);
            McpTestClients.post(messages, Map.of(), McpTestClients.INITIALIZE);
            assertThat(nextData(events)).contains("\"id\":1,\"result\"");
            McpTestClients.post(messages, Map.of(), "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            List<Arguments> shapes = wrongShapes().toList();
            for (int i = 0; i < shapes.size(); i++) {
                Object[] shape = shapes.get(i).get();
                McpTestClients.post(
                        messages,
                        Map.of(),
                        "{\"jsonrpc\":\"2.0\",\"id\":" + (100 + i) + ",\"method\":\"" + shape[0] + "\",\"params\":"
                                + shape[1] + "}");
                assertThat(nextData(events))
                        .as("%s", shape[1])
                        .contains("\"id\":" + (100 + i) + ",\"error\"")
                        .doesNotContainPattern(JAVA_TEXT);
            }
        }
    }

    @Test
    void aNullBodyGetsAParseErrorWithoutAStackTrace() throws Exception {
        for (URI url : List.of(mcp, server.baseUrl().resolve(HttpTransportServer.SSE_MESSAGE_PATH + "?sessionId=x"))) {
            HttpResponse<String> response = McpTestClients.post(url, Map.of("Mcp-Session-Id", sessionId), "null");
            assertThat(response.statusCode()).as("%s", url).isEqualTo(400);
            assertThat(response.body())
                    .as("%s", url)
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,"
                            + "\"message\":\"Parse error: the body must be one JSON-RPC message, a JSON object\"}}");
        }
    }

    @Test
    void aRequestFromANewerClientWithoutSessionGetsAPlainError() throws Exception {
        HttpResponse<String> response = McpTestClients.post(
                mcp,
                Map.of("MCP-Protocol-Version", "2026-07-28"),
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\",\"params\":{\"_meta\":{}}}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32601,"
                        + "\"message\":\"Session ID required in mcp-session-id header\"}}");
    }

    @Test
    void sdkErrorBodiesAreJsonRpcErrorsWithoutJavaText() throws Exception {
        HttpResponse<String> unknownSession = McpTestClients.post(
                mcp, Map.of("Mcp-Session-Id", "no-such-session"), "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\"}");
        assertThat(unknownSession.statusCode()).isEqualTo(404);
        assertThat(unknownSession.body())
                .startsWith("{\"jsonrpc\":\"2.0\",\"id\":6,\"error\":{")
                .doesNotContainPattern(JAVA_TEXT);
        HttpResponse<String> wrongType = McpTestClients.send("POST", mcp, Map.of("Content-Type", "text/plain"), "{}");
        assertThat(wrongType.body()).doesNotContainPattern(JAVA_TEXT);
    }

    @Test
    void jettysOwnErrorsSayOnlyTheStatus() throws Exception {
        HttpResponse<String> notFound = McpTestClients.get(server.baseUrl().resolve("/no/such/path"), Map.of());
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body())
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"HTTP 404 Not Found\"}}");
        assertThat(notFound.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void traceIsRefusedEverywhere() throws Exception {
        for (String path : List.of(
                HttpTransportServer.HEALTH_PATH,
                HttpTransportServer.MCP_PATH,
                HttpTransportServer.SSE_PATH,
                HttpTransportServer.SSE_MESSAGE_PATH,
                "/")) {
            HttpResponse<String> trace = McpTestClients.send(
                    "TRACE", server.baseUrl().resolve(path), Map.of("Authorization", "Bearer secret-to-echo"), null);
            assertThat(trace.statusCode()).as(path).isEqualTo(405);
            assertThat(trace.body()).as(path).doesNotContain("secret-to-echo").doesNotContainPattern(JAVA_TEXT);
        }
    }

    /** The data of the next SSE event. */
    private static String nextData(BufferedReader events) throws Exception {
        String line;
        do {
            line = events.readLine();
        } while (line != null && !line.startsWith("data: "));
        assertThat(line).isNotNull();
        return line.substring("data: ".length());
    }
}
