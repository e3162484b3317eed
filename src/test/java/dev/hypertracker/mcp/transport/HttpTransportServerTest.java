package dev.hypertracker.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    private HttpTransportServer server;

    @BeforeEach
    void startBothTransports() {
        server = HttpTransportServer.start(HttpTransportConfig.defaults().withPort(0)
                .withKinds(EnumSet.of(TransportKind.HTTP, TransportKind.SSE)), new TestAssembly());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void streamableClientListsAndCallsTools() {
        try (Connected session = McpTestClients.streamable(server, null)) {
            assertThat(session.client().listTools().tools()).extracting(Tool::name).containsExactly("echo", "progress");
            assertThat(text(session.client().callTool(echo("hi")))).isEqualTo("echo: hi");
        }
    }

    @Test
    void sseClientListsAndCallsTools() {
        try (Connected session = McpTestClients.sse(server, null)) {
            assertThat(session.client().listTools().tools()).extracting(Tool::name).containsExactly("echo", "progress");
            assertThat(text(session.client().callTool(echo("hi")))).isEqualTo("echo: hi");
        }
    }

    @Test
    void progressNotificationsReachTheStreamableClientDuringTheCall() {
        try (Connected session = McpTestClients.streamable(server, null)) {
            CallToolResult result = session.client().callTool(progress(3, 10, "streamable-token"));
            assertThat(text(result)).isEqualTo("done 3");
            awaitProgress(session, 3); // the last notification may arrive just after the result
            // the Java client hands notifications to its handler on a pool, so arrival order is not send order
            assertThat(session.progress()).extracting(p -> p.progress()).containsExactlyInAnyOrder(1.0, 2.0, 3.0);
            assertThat(session.progress()).allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("streamable-token"));
        }
    }

    @Test
    void progressNotificationsReachTheSseClientDuringTheCall() {
        try (Connected session = McpTestClients.sse(server, null)) {
            assertThat(text(session.client().callTool(progress(2, 10, "sse-token")))).isEqualTo("done 2");
            awaitProgress(session, 2);
            assertThat(session.progress()).extracting(p -> p.progress()).containsExactlyInAnyOrder(1.0, 2.0);
        }
    }

    @Test
    void concurrentSessionsAreIndependent() throws Exception {
        try (Connected slow = McpTestClients.streamable(server, null);
                Connected fast = McpTestClients.streamable(server, null);
                Connected legacy = McpTestClients.sse(server, null)) {
            CompletableFuture<CallToolResult> slowCall =
                    CompletableFuture.supplyAsync(() -> slow.client().callTool(progress(3, 300, "slow")));
            assertThat(text(fast.client().callTool(echo("quick")))).isEqualTo("echo: quick");
            assertThat(text(legacy.client().callTool(echo("legacy")))).isEqualTo("echo: legacy");
            assertThat(slowCall).isNotDone();
            assertThat(healthz()).contains("\"sessions\":3");

            assertThat(text(slowCall.get(10, TimeUnit.SECONDS))).isEqualTo("done 3");
            awaitProgress(slow, 3);
            assertThat(slow.progress()).hasSize(3);
            assertThat(fast.progress()).isEmpty();
            assertThat(legacy.progress()).isEmpty();
        }
    }

    @Test
    void healthzReportsTransportsSessionsAndUptime() throws Exception {
        assertThat(healthz()).matches("\\{\"status\":\"ok\",\"transport\":\"http,sse\",\"sessions\":0,\"uptimeSeconds\":\\d+}");
    }

    @Test
    void closeLetsAnInFlightCallFinishAndRefusesNewRequests() throws Exception {
        Connected session = McpTestClients.streamable(server, null);
        CompletableFuture<CallToolResult> inFlight =
                CompletableFuture.supplyAsync(() -> session.client().callTool(progress(2, 600, "drain")));
        awaitFirstProgress(session);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        Thread.sleep(100);
        HttpResponse<String> refused = McpTestClients.post(server.endpointUrl(TransportKind.HTTP), Map.of(),
                McpTestClients.INITIALIZE);
        assertThat(refused.statusCode()).isEqualTo(503);

        assertThat(text(inFlight.get(10, TimeUnit.SECONDS))).isEqualTo("done 2");
        closing.get(10, TimeUnit.SECONDS);
    }

    @Test
    void closeGivesUpOnCallsThatOutlastTheGrace() throws Exception {
        server.close();
        server = HttpTransportServer.start(HttpTransportConfig.defaults().withPort(0)
                .withShutdownGrace(Duration.ofMillis(300)), new TestAssembly());
        Connected session = McpTestClients.streamable(server, null);
        CompletableFuture.runAsync(() -> session.client().callTool(progress(2, 5_000, "too-slow")));
        Thread.sleep(300);

        long started = System.nanoTime();
        server.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aPortInUseIsAClearStartupError() {
        HttpTransportConfig samePort = HttpTransportConfig.defaults().withPort(server.port());
        assertThatThrownBy(() -> HttpTransportServer.start(samePort, new TestAssembly()))
                .isInstanceOf(TransportConfigurationException.class)
                .hasMessageStartingWith("Cannot listen on 127.0.0.1:" + server.port());
    }

    @Test
    void idleSessionsAreEvicted() throws Exception {
        server.close();
        server = HttpTransportServer.start(HttpTransportConfig.defaults().withPort(0)
                .withSessionIdleTimeout(Duration.ofMillis(200)), new TestAssembly());
        HttpResponse<String> initialized = McpTestClients.post(server.endpointUrl(TransportKind.HTTP), Map.of(),
                McpTestClients.INITIALIZE);
        assertThat(initialized.headers().firstValue("Mcp-Session-Id")).isPresent();
        assertThat(healthz()).contains("\"sessions\":1");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!healthz().contains("\"sessions\":0") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(healthz()).contains("\"sessions\":0");
    }

    private void awaitFirstProgress(Connected session) {
        awaitProgress(session, 1);
        assertThat(session.progress()).isNotEmpty();
    }

    /** Waits (up to 5 s) until the session has received at least n progress notifications. */
    private static void awaitProgress(Connected session, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (session.progress().size() < n && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String healthz() throws Exception {
        return McpTestClients.get(server.baseUrl().resolve(HttpTransportServer.HEALTH_PATH), Map.of()).body();
    }

    @SuppressWarnings("deprecation") // temporary (issue 13): the transport/ migration off SDK 2.1.0 deprecations is separate work
    static CallToolRequest echo(String text) {
        return CallToolRequest.builder().name("echo").arguments(Map.of("text", text)).build();
    }

    @SuppressWarnings("deprecation") // temporary (issue 13): the transport/ migration off SDK 2.1.0 deprecations is separate work
    static CallToolRequest progress(int steps, int delayMillis, String token) {
        return CallToolRequest.builder().name("progress").arguments(Map.of("steps", steps, "delayMillis", delayMillis))
                .progressToken(token).build();
    }

    static String text(CallToolResult result) {
        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        return ((TextContent) result.content().get(0)).text();
    }
}
