package dev.hypertracker.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.config.Secret;
import dev.hypertracker.mcp.config.Settings;
import dev.hypertracker.mcp.sandbox.SandboxServer;
import dev.hypertracker.mcp.server.HyperTrackerServer;
import dev.hypertracker.mcp.support.SandboxHarness;
import dev.hypertracker.mcp.tools.DefaultToolSet;
import dev.hypertracker.mcp.tools.ToolSelection;
import dev.hypertracker.mcp.tools.ToolsetDiscovery;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * enable_toolset over the HTTP transports with several sessions at once, through the SDK's own clients: the
 * enabling session gets tools/list_changed and then lists and calls the toolset's tools; the other sessions keep
 * their own lists (they may get the broadcast notice, and re-listing shows them nothing new).
 */
class PerSessionToolsetsTest {
    static final String HIDDEN = "get_perp_volume_metrics";

    static SandboxServer sandbox;
    static HttpTransportServer server;

    @BeforeAll
    static void start() {
        sandbox = SandboxServer.start(SandboxHarness.SMALL);
        HyperTrackerServer assembly = new HyperTrackerServer(
                Settings.defaults(sandbox.baseUrl(), Secret.of(sandbox.token())),
                ToolSelection.parse(null),
                Clock.systemUTC());
        server = HttpTransportServer.start(
                HttpTransportConfig.defaults().withPort(0).withKinds(EnumSet.of(TransportKind.HTTP, TransportKind.SSE)),
                assembly);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (sandbox != null) sandbox.close();
    }

    /** A client that queues every tools list the SDK client re-fetched after a tools/list_changed. */
    record Session(McpSyncClient client, BlockingQueue<List<String>> relisted) implements AutoCloseable {
        static Session connect(McpClientTransport transport) {
            BlockingQueue<List<String>> relisted = new LinkedBlockingQueue<>();
            McpSyncClient client = McpClient.sync(transport)
                    .requestTimeout(McpTestClients.GUARD)
                    .toolsChangeConsumer(
                            tools -> relisted.add(tools.stream().map(Tool::name).toList()))
                    .build();
            client.initialize();
            return new Session(client, relisted);
        }

        List<String> listed() {
            return client.listTools().tools().stream().map(Tool::name).toList();
        }

        CallToolResult call(String tool, Map<String, Object> arguments) {
            return client.callTool(
                    CallToolRequest.builder(tool).arguments(arguments).build());
        }

        @Override
        public void close() {
            client.closeGracefully();
        }
    }

    static Session streamable() {
        return Session.connect(
                HttpClientStreamableHttpTransport.builder(server.baseUrl().toString())
                        .endpoint(HttpTransportServer.MCP_PATH)
                        .build());
    }

    @SuppressWarnings("deprecation") // the legacy SSE transport: clients still use it, and it has sessions too
    static Session sse() {
        return Session.connect(
                HttpClientSseClientTransport.builder(server.baseUrl().toString())
                        .sseEndpoint(HttpTransportServer.SSE_PATH)
                        .build());
    }

    @Test
    void enablingInOneSessionListsTheToolsThereOnly() throws Exception {
        try (Session a = streamable();
                Session b = streamable();
                Session c = sse()) {
            for (Session s : List.of(a, b, c)) {
                assertThat(s.listed()).containsExactlyElementsOf(DefaultToolSet.names());
            }
            assertThat(text(b.call(HIDDEN, Map.of())))
                    .as("a hidden tool is refused with the way to enable it")
                    .contains(ToolsetDiscovery.ENABLE_TOOLSET + " with toolset=\"metrics\"");

            CallToolResult enabled = a.call(ToolsetDiscovery.ENABLE_TOOLSET, Map.of("toolset", "metrics"));
            assertThat(enabled.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(text(enabled)).contains(HIDDEN);

            // the client re-lists on tools/list_changed; the guard only stops a hung test
            List<String> relisted = a.relisted().poll(McpTestClients.GUARD.toSeconds(), TimeUnit.SECONDS);
            assertThat(relisted)
                    .as("tools/list_changed reached the enabling session")
                    .isNotNull();
            assertThat(relisted).containsAll(ToolSelection.toolsOf(dev.hypertracker.mcp.catalog.Toolset.METRICS));
            assertThat(a.listed()).contains(HIDDEN).containsAll(DefaultToolSet.names());

            CallToolResult volume = a.call(HIDDEN, Map.of());
            assertThat(volume.isError()).as(text(volume)).isNotEqualTo(Boolean.TRUE);
            assertThat(volume.structuredContent()).isNotNull();

            for (Session other : List.of(b, c)) {
                assertThat(other.listed()).containsExactlyElementsOf(DefaultToolSet.names());
                assertThat(other.call(HIDDEN, Map.of()).isError()).isTrue();
            }

            // the SSE session enables its own toolset, independently
            c.call(ToolsetDiscovery.ENABLE_TOOLSET, Map.of("toolset", "exports"));
            assertThat(c.listed()).contains("export_position_metrics").doesNotContain(HIDDEN);
            assertThat(a.listed()).doesNotContain("export_position_metrics");
        }
    }

    static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }
}
