package dev.hypertracker.mcp.views;

import dev.hypertracker.mcp.config.Secret;
import dev.hypertracker.mcp.config.Settings;
import dev.hypertracker.mcp.sandbox.SandboxServer;
import dev.hypertracker.mcp.server.HyperTrackerServer;
import dev.hypertracker.mcp.support.SandboxHarness;
import dev.hypertracker.mcp.tools.ToolSelection;
import dev.hypertracker.mcp.transport.HttpTransportConfig;
import dev.hypertracker.mcp.transport.HttpTransportServer;
import dev.hypertracker.mcp.transport.TransportKind;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.ClientCapabilities;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The real server (sandbox upstream, Streamable HTTP on loopback) and two SDK clients: one that declares the MCP Apps
 * extension, as Claude or VS Code do, and one that does not.
 */
final class AppsSession implements AutoCloseable {
    final SandboxServer sandbox = SandboxServer.start(SandboxHarness.SMALL);
    final HttpTransportServer http;
    final McpSyncClient appsClient;
    final McpSyncClient plainClient;

    AppsSession() {
        Settings settings = Settings.defaults(sandbox.baseUrl(), Secret.of(sandbox.token()));
        http = HttpTransportServer.start(
                HttpTransportConfig.defaults().withPort(0).withKinds(EnumSet.of(TransportKind.HTTP)),
                new HyperTrackerServer(settings, ToolSelection.all(), Clock.systemUTC()));
        appsClient = connect(ClientCapabilities.builder()
                .extensions(Map.of(Views.EXTENSION, Map.of("mimeTypes", List.of(Views.MIME_TYPE))))
                .build());
        plainClient = connect(ClientCapabilities.builder().build());
    }

    private McpSyncClient connect(ClientCapabilities capabilities) {
        McpSyncClient client = McpClient.sync(
                        HttpClientStreamableHttpTransport.builder(http.baseUrl().toString())
                                .endpoint(HttpTransportServer.MCP_PATH)
                                .build())
                .requestTimeout(Duration.ofSeconds(60))
                .capabilities(capabilities)
                .build();
        client.initialize();
        return client;
    }

    @Override
    public void close() {
        appsClient.closeGracefully();
        plainClient.closeGracefully();
        http.close();
        sandbox.close();
    }
}
