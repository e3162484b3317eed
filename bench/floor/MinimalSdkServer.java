import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.FilterInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The floor of an MCP server on this stack: the MCP Java SDK 2.1.0 (Jackson 3, Reactor) over stdio with two tools
 * and nothing else; stays up until stdin closes. Run by bench/startup.sh (FLOOR=1) with the launcher's JVM flags.
 * {@code echo} answers its text (the reference's tool); {@code fetch} makes one GET with the JDK HTTP client to
 * HYPERTRACKER_BASE_URL (the sandbox), parses the JSON body and answers its size: the least a first call that goes
 * upstream costs on this stack, without any of the server's own work (validation, paging, digest, budget).
 */
public final class MinimalSdkServer {
    public static void main(String[] args) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        McpJsonMapper json = McpJsonDefaults.getMapper();
        StdioServerTransportProvider provider =
                new StdioServerTransportProvider(json, new FilterInputStream(System.in) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n < 0) done.countDown();
                        return n;
                    }
                }, System.out);
        String object = "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}";
        SyncToolSpecification echo = SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder("echo", json, object).description("Echoes its text").build())
                .callHandler((exchange, request) -> CallToolResult.builder()
                        .addTextContent(String.valueOf(request.arguments().get("text")))
                        .build())
                .build();
        SyncToolSpecification fetch = SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder("fetch", json, object).description("One upstream GET").build())
                .callHandler((exchange, request) -> CallToolResult.builder()
                        .addTextContent(fetchOnce(json))
                        .build())
                .build();
        McpSyncServer server = McpServer.sync(provider)
                .serverInfo("floor", "1")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(List.of(echo, fetch))
                .build();
        done.await();
        server.close();
        System.exit(0);
    }

    private static String fetchOnce(McpJsonMapper json) {
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest get = HttpRequest.newBuilder(
                            URI.create(System.getenv("HYPERTRACKER_BASE_URL") + "/api/external/positions/coins"))
                    .header("Authorization", "Bearer " + System.getenv("HYPERTRACKER_API_TOKEN"))
                    .header("Accept", "application/json")
                    .build();
            HttpResponse<byte[]> response = client.send(get, HttpResponse.BodyHandlers.ofByteArray());
            Object body = json.readValue(response.body(), Object.class);
            int size = body instanceof List<?> l ? l.size() : body instanceof Map<?, ?> m ? m.size() : 1;
            return "HTTP " + response.statusCode() + ", " + size + " elements";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
