package dev.hypertracker.mcp.transport;

import static dev.hypertracker.mcp.transport.HttpTransportServerTest.echo;
import static dev.hypertracker.mcp.transport.HttpTransportServerTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.transport.McpTestClients.Connected;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 9: clients that declare a body and send only a few bytes of it hold no thread, so the server keeps
 * answering. 300 such connections are more than the container's 256 threads: before the fix each one pinned a
 * thread in the SDK's blocking body read until the 5-minute idle timeout, and {@code /healthz} hung.
 */
class SlowBodyTest {
    private static final int SLOW_CLIENTS = 300;

    private HttpTransportServer server;
    private final List<Socket> slowClients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = HttpTransportServer.start(
                HttpTransportConfig.defaults().withPort(0).withKinds(EnumSet.of(TransportKind.HTTP, TransportKind.SSE)),
                new TestAssembly());
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : slowClients) {
            socket.close();
        }
        server.close();
    }

    @Test
    void slowBodiesDoNotStopTheServerFromAnswering() throws Exception {
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            slowClients.add(startSlowPost()); // the SDK reads a Streamable HTTP body before anything else
        }

        HttpResponse<String> health =
                McpTestClients.get(server.baseUrl().resolve(HttpTransportServer.HEALTH_PATH), Map.of());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"");
        try (Connected streamable = McpTestClients.streamable(server, null);
                Connected sse = McpTestClients.sse(server, null)) {
            assertThat(text(streamable.client().callTool(echo("still here")))).isEqualTo("echo: still here");
            assertThat(text(sse.client().callTool(echo("me too")))).isEqualTo("echo: me too");
        }
    }

    /** Headers declaring a 1,000-byte JSON body, then 10 bytes of it, then nothing. */
    private Socket startSlowPost() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + HttpTransportServer.MCP_PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                        + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream"
                        + "\r\nContent-Length: 1000\r\n\r\n{\"jsonrpc\"")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }
}
