package dev.hypertracker.mcp.transport;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The SDK's own Java clients, pointed at an {@link HttpTransportServer}, plus raw HTTP for status-code checks. */
final class McpTestClients {
    static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
             "capabilities":{},"clientInfo":{"name":"raw","version":"0"}}}""";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private McpTestClients() {}

    /** A connected client that records the progress notifications it receives. */
    record Connected(McpSyncClient client, List<ProgressNotification> progress) implements AutoCloseable {
        @Override
        public void close() {
            client.closeGracefully();
        }

        /** Waits until at least n notifications arrived (the guard only stops a hung test). */
        void awaitProgress(int n) throws InterruptedException {
            synchronized (progress) {
                long guard = System.nanoTime() + GUARD.toNanos();
                while (progress.size() < n && System.nanoTime() < guard) {
                    progress.wait(1_000);
                }
            }
        }
    }

    /** How long a test waits for something that should happen before calling it hung: not a timing assertion. */
    static final Duration GUARD = Duration.ofSeconds(60);

    static Connected streamable(HttpTransportServer server, String token) {
        return connect(
                HttpClientStreamableHttpTransport.builder(server.baseUrl().toString())
                        .endpoint(HttpTransportServer.MCP_PATH)
                        .requestBuilder(withToken(token))
                        .build());
    }

    @SuppressWarnings("deprecation") // the legacy SSE transport is what this client speaks, and what is tested
    static Connected sse(HttpTransportServer server, String token) {
        return connect(HttpClientSseClientTransport.builder(server.baseUrl().toString())
                .sseEndpoint(HttpTransportServer.SSE_PATH)
                .requestBuilder(withToken(token))
                .build());
    }

    private static HttpRequest.Builder withToken(String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder();
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static Connected connect(McpClientTransport transport) {
        List<ProgressNotification> progress = new CopyOnWriteArrayList<>();
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(GUARD)
                .progressConsumer(notification -> {
                    synchronized (progress) {
                        progress.add(notification);
                        progress.notifyAll();
                    }
                })
                .build();
        client.initialize();
        return new Connected(client, progress);
    }

    static HttpResponse<String> post(URI url, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(GUARD)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Any method, any body (null: none), e.g. HEAD, TRACE, OPTIONS. */
    static HttpResponse<String> send(String method, URI url, Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(GUARD)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(URI url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(GUARD).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
