package dev.hypertracker.mcp.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypertracker.mcp.support.SandboxHarness;
import dev.hypertracker.mcp.transport.HttpTransportConfig;
import dev.hypertracker.mcp.transport.HttpTransportServer;
import dev.hypertracker.mcp.transport.TransportKind;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Item 14 over real HTTP sessions: a stored result is readable by the session that made it and by no other. */
class ResultOwnershipHttpTest {
    private SandboxHarness harness;
    private HttpTransportServer http;

    @BeforeEach
    void start() {
        harness = SandboxHarness.start();
        http = HttpTransportServer.start(
                HttpTransportConfig.defaults().withPort(0).withKinds(EnumSet.of(TransportKind.HTTP, TransportKind.SSE)),
                harness.server());
    }

    @AfterEach
    void stop() {
        http.close();
        harness.close();
    }

    @Test
    void anotherSessionCannotReadAResultEvenWithItsExactUri() {
        try (McpSyncClient alice = connect(streamable());
                McpSyncClient bob = connect(streamable());
                McpSyncClient carol = connect(sse())) {
            CallToolResult made = alice.callTool(
                    CallToolRequest.builder("list_cohorts").arguments(Map.of()).build());
            assertThat(made.isError()).as(made.toString()).isNotEqualTo(Boolean.TRUE);
            String uri = (String) ((Map<?, ?>) made.structuredContent()).get("resourceUri");
            assertThat(uri).startsWith(ResultStore.URI_PREFIX);

            var own = alice.readResource(ReadResourceRequest.builder(uri).build());
            assertThat(((TextResourceContents) own.contents().get(0)).text()).contains("\"rows\"");

            for (McpSyncClient other : new McpSyncClient[] {bob, carol}) {
                assertThatThrownBy(() -> other.readResource(
                                ReadResourceRequest.builder(uri).build()))
                        .isInstanceOf(McpError.class)
                        .hasMessageContaining("unknown to this session")
                        .hasMessageNotContaining("list_cohorts");
                assertThatThrownBy(() -> other.readResource(
                                ReadResourceRequest.builder(uri + "/csv").build()))
                        .isInstanceOf(McpError.class)
                        .hasMessageContaining("unknown to this session");
            }
        }
    }

    private McpClientTransport streamable() {
        return HttpClientStreamableHttpTransport.builder(http.baseUrl().toString())
                .endpoint(HttpTransportServer.MCP_PATH)
                .build();
    }

    @SuppressWarnings("deprecation") // the legacy SSE transport is what this client speaks, and what is tested
    private McpClientTransport sse() {
        return HttpClientSseClientTransport.builder(http.baseUrl().toString())
                .sseEndpoint(HttpTransportServer.SSE_PATH)
                .build();
    }

    private static McpSyncClient connect(McpClientTransport transport) {
        McpSyncClient client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }
}
