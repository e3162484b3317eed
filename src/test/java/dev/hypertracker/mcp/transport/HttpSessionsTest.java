package dev.hypertracker.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.support.ManualClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 11 items 8 and 10: sessions are bounded in number and in time, and HEAD opens none. */
class HttpSessionsTest {
    private final ManualClock clock = new ManualClock();
    private HttpTransportServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(HttpTransportConfig config) {
        server = HttpTransportServer.start(
                config.withPort(0).withKinds(EnumSet.of(TransportKind.HTTP, TransportKind.SSE)),
                new TestAssembly(),
                null,
                clock);
    }

    @Test
    void headOnTheSseEndpointIsRefusedAndOpensNoSession() throws Exception {
        start(HttpTransportConfig.defaults());
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> head =
                    McpTestClients.send("HEAD", server.endpointUrl(TransportKind.SSE), Map.of(), null);
            assertThat(head.statusCode()).isEqualTo(405);
            assertThat(head.headers().firstValue("Allow")).hasValue(McpEndpointGuard.ALLOWED_METHODS);
        }
        assertThat(server.sessionCount()).isZero();
        assertThat(healthz().body()).contains("\"sessions\":0");
    }

    @Test
    void anSseSessionIsClosedWhenItsClientGoesAway() throws Exception {
        start(HttpTransportConfig.defaults().withKeepAlive(Duration.ofMillis(100))); // pings find the dead stream
        Socket client = openSseStream();
        assertThat(server.sessionCount()).isEqualTo(1);
        client.close();
        awaitSessions(0);
    }

    @Test
    void anIdleSseSessionIsEvictedAndItsStreamEnds() throws Exception {
        start(HttpTransportConfig.defaults().withSessionIdleTimeout(Duration.ofMinutes(5)));
        try (Socket client = openSseStream()) {
            BufferedReader stream = reader(client);
            clock.advance(Duration.ofMinutes(4));
            assertThat(server.evictIdleSessions()).isZero();
            clock.advance(Duration.ofMinutes(1));
            assertThat(server.evictIdleSessions()).isEqualTo(1);
            assertThat(server.sessionCount()).isZero();
            String line;
            do {
                line = stream.readLine(); // the rest of the stream, then its end
            } while (line != null && !line.equals("0"));
        }
    }

    @Test
    void sessionsPastTheCapAreRefusedClearlyAndHealthSaysFull() throws Exception {
        start(HttpTransportConfig.defaults().withMaxSessions(2));
        assertThat(initialize().statusCode()).isEqualTo(200);
        Socket sse = openSseStream(); // SSE sessions count against the same cap
        try {
            HttpResponse<String> refused = initialize();
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body())
                    .contains("\"code\":-32600")
                    .contains("Too many sessions")
                    .contains("at most 2")
                    .contains("--max-sessions");
            assertThat(McpTestClients.get(server.endpointUrl(TransportKind.SSE), Map.of())
                            .statusCode())
                    .isEqualTo(503);

            HttpResponse<String> health = healthz();
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body())
                    .contains("\"status\":\"full\"")
                    .contains("\"sessions\":2")
                    .contains("\"maxSessions\":2");
        } finally {
            sse.close();
        }
    }

    @Test
    void atTheCapIdleSessionsMakeRoomForANewOne() throws Exception {
        start(HttpTransportConfig.defaults().withMaxSessions(1).withSessionIdleTimeout(Duration.ofMinutes(5)));
        assertThat(initialize().statusCode()).isEqualTo(200);
        assertThat(initialize().statusCode()).isEqualTo(503);
        clock.advance(Duration.ofMinutes(5));
        assertThat(initialize().statusCode()).isEqualTo(200); // the idle one was evicted on demand
        assertThat(server.sessionCount()).isEqualTo(1);
    }

    @Test
    void theDefaultsBoundSessionsInMinutesAndInNumber() {
        assertThat(HttpTransportConfig.defaults().sessionIdleTimeout()).isLessThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(HttpTransportConfig.defaults().maxSessions()).isEqualTo(1000);
    }

    private HttpResponse<String> initialize() throws Exception {
        return McpTestClients.post(server.endpointUrl(TransportKind.HTTP), Map.of(), McpTestClients.INITIALIZE);
    }

    private HttpResponse<String> healthz() throws Exception {
        return McpTestClients.get(server.baseUrl().resolve(HttpTransportServer.HEALTH_PATH), Map.of());
    }

    /** A raw SSE client: returns once the server announced the session's endpoint. */
    private Socket openSseStream() throws Exception {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout((int) McpTestClients.GUARD.toMillis());
        socket.getOutputStream()
                .write(("GET /sse HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                                + "\r\nAccept: text/event-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        BufferedReader reader = reader(socket);
        String line;
        do {
            line = reader.readLine();
        } while (line != null && !line.startsWith("data: /mcp/message?sessionId="));
        assertThat(line).isNotNull();
        return socket;
    }

    private static BufferedReader reader(Socket socket) throws Exception {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 1);
    }

    /** Waits until the server holds n sessions (the guard only stops a hung test). */
    private void awaitSessions(int n) throws InterruptedException {
        long guard = System.nanoTime() + McpTestClients.GUARD.toNanos();
        while (server.sessionCount() != n && System.nanoTime() < guard) {
            synchronized (this) {
                wait(20);
            }
        }
        assertThat(server.sessionCount()).isEqualTo(n);
    }
}
