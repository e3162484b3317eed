package dev.hypertracker.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypertracker.mcp.support.ManualClock;
import dev.hypertracker.mcp.transport.McpTestClients.Connected;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTransportServerTest {
    private static final long GUARD_SECONDS = McpTestClients.GUARD.toSeconds();
    private HttpTransportServer server;
    private TestAssembly assembly;

    @BeforeEach
    void startBothTransports() {
        assembly = new TestAssembly();
        server = HttpTransportServer.start(
                HttpTransportConfig.defaults().withPort(0).withKinds(EnumSet.of(TransportKind.HTTP, TransportKind.SSE)),
                assembly);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void streamableClientListsAndCallsTools() {
        try (Connected session = McpTestClients.streamable(server, null)) {
            assertThat(session.client().listTools().tools())
                    .extracting(Tool::name)
                    .containsExactly("echo", "progress", "block");
            assertThat(text(session.client().callTool(echo("hi")))).isEqualTo("echo: hi");
        }
    }

    @Test
    void sseClientListsAndCallsTools() {
        try (Connected session = McpTestClients.sse(server, null)) {
            assertThat(session.client().listTools().tools())
                    .extracting(Tool::name)
                    .containsExactly("echo", "progress", "block");
            assertThat(text(session.client().callTool(echo("hi")))).isEqualTo("echo: hi");
        }
    }

    @Test
    void progressNotificationsReachTheStreamableClientDuringTheCall() throws Exception {
        try (Connected session = McpTestClients.streamable(server, null)) {
            CallToolResult result = session.client().callTool(progress(3, "streamable-token"));
            assertThat(text(result)).isEqualTo("done 3");
            session.awaitProgress(3); // the last notification may arrive just after the result
            // the Java client hands notifications to its handler on a pool, so arrival order is not send order
            assertThat(session.progress()).extracting(p -> p.progress()).containsExactlyInAnyOrder(1.0, 2.0, 3.0);
            assertThat(session.progress())
                    .allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("streamable-token"));
        }
    }

    @Test
    void progressNotificationsReachTheSseClientDuringTheCall() throws Exception {
        try (Connected session = McpTestClients.sse(server, null)) {
            assertThat(text(session.client().callTool(progress(2, "sse-token"))))
                    .isEqualTo("done 2");
            session.awaitProgress(2);
            assertThat(session.progress()).extracting(p -> p.progress()).containsExactlyInAnyOrder(1.0, 2.0);
        }
    }

    @Test
    void concurrentSessionsAreIndependent() throws Exception {
        try (Connected slow = McpTestClients.streamable(server, null);
                Connected fast = McpTestClients.streamable(server, null);
                Connected legacy = McpTestClients.sse(server, null)) {
            CompletableFuture<CallToolResult> slowCall =
                    CompletableFuture.supplyAsync(() -> slow.client().callTool(block()));
            assembly.gate().awaitEntered(1);
            assertThat(text(fast.client().callTool(echo("quick")))).isEqualTo("echo: quick");
            assertThat(text(legacy.client().callTool(echo("legacy")))).isEqualTo("echo: legacy");
            assertThat(slowCall).isNotDone();
            assertThat(healthz()).contains("\"sessions\":3");

            assembly.gate().open();
            assertThat(text(slowCall.get(GUARD_SECONDS, TimeUnit.SECONDS))).isEqualTo("passed");
            assertThat(slow.progress()).isEmpty();
            assertThat(fast.progress()).isEmpty();
            assertThat(legacy.progress()).isEmpty();
        }
    }

    @Test
    void healthzReportsTransportsSessionsAndUptime() throws Exception {
        assertThat(healthz())
                .matches("\\{\"status\":\"ok\",\"transport\":\"http,sse\",\"sessions\":0,"
                        + "\"maxSessions\":1000,\"uptimeSeconds\":\\d+}");
    }

    @Test
    void closeLetsAnInFlightCallFinishAndRefusesNewRequests() throws Exception {
        Connected session = McpTestClients.streamable(server, null);
        CompletableFuture<CallToolResult> inFlight =
                CompletableFuture.supplyAsync(() -> session.client().callTool(block()));
        assembly.gate().awaitEntered(1);

        server.beginDrain();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        HttpResponse<String> refused =
                McpTestClients.post(server.endpointUrl(TransportKind.HTTP), Map.of(), McpTestClients.INITIALIZE);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(closing).isNotDone(); // waiting for the call

        assembly.gate().open();
        assertThat(text(inFlight.get(GUARD_SECONDS, TimeUnit.SECONDS))).isEqualTo("passed");
        closing.get(GUARD_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void closeGivesUpOnCallsThatOutlastTheGrace() throws Exception {
        server.close();
        assembly = new TestAssembly();
        server = HttpTransportServer.start(
                HttpTransportConfig.defaults().withPort(0).withShutdownGrace(Duration.ofMillis(300)), assembly);
        Connected session = McpTestClients.streamable(server, null);
        CompletableFuture<CallToolResult> stuck =
                CompletableFuture.supplyAsync(() -> session.client().callTool(block()));
        assembly.gate().awaitEntered(1);
        try {
            CompletableFuture.runAsync(server::close).get(GUARD_SECONDS, TimeUnit.SECONDS); // returns: grace is over
            // close returned while the call is still held at the gate: it gave up instead of waiting
            assertThat(stuck.isDone() && !stuck.isCompletedExceptionally()).isFalse();
        } finally {
            assembly.gate().open();
        }
    }

    @Test
    void aPortInUseIsAClearStartupError() {
        HttpTransportConfig samePort = HttpTransportConfig.defaults().withPort(server.port());
        assertThatThrownBy(() -> HttpTransportServer.start(samePort, new TestAssembly()))
                .isInstanceOf(TransportConfigurationException.class)
                .hasMessageStartingWith("Cannot listen on 127.0.0.1:" + server.port());
    }

    @Test
    void idleSessionsAreEvictedAfterTheIdleTimeoutOnTheServersClock() throws Exception {
        server.close();
        ManualClock clock = new ManualClock();
        server = HttpTransportServer.start(
                HttpTransportConfig.defaults()
                        .withPort(0)
                        .withKinds(EnumSet.of(TransportKind.HTTP, TransportKind.SSE))
                        .withSessionIdleTimeout(Duration.ofMinutes(10)),
                new TestAssembly(),
                null,
                clock);
        HttpResponse<String> initialized =
                McpTestClients.post(server.endpointUrl(TransportKind.HTTP), Map.of(), McpTestClients.INITIALIZE);
        String sessionId = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(server.sessionCount()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(9));
        assertThat(server.evictIdleSessions()).isZero();
        McpTestClients.post(
                server.endpointUrl(TransportKind.HTTP),
                Map.of("Mcp-Session-Id", sessionId),
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}"); // a use restarts the idle time
        clock.advance(Duration.ofMinutes(9));
        assertThat(server.evictIdleSessions()).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(server.evictIdleSessions()).isEqualTo(1);
        assertThat(healthz()).contains("\"sessions\":0");
        assertThat(McpTestClients.post(
                                server.endpointUrl(TransportKind.HTTP),
                                Map.of("Mcp-Session-Id", sessionId),
                                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}")
                        .statusCode())
                .isEqualTo(404);
    }

    private String healthz() throws Exception {
        return McpTestClients.get(server.baseUrl().resolve(HttpTransportServer.HEALTH_PATH), Map.of())
                .body();
    }

    static CallToolRequest echo(String text) {
        return CallToolRequest.builder("echo").arguments(Map.of("text", text)).build();
    }

    static CallToolRequest block() {
        return CallToolRequest.builder("block").arguments(Map.of()).build();
    }

    static CallToolRequest progress(int steps, String token) {
        return CallToolRequest.builder("progress")
                .arguments(Map.of("steps", steps))
                .progressToken(token)
                .build();
    }

    static String text(CallToolResult result) {
        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        return ((TextContent) result.content().get(0)).text();
    }
}
