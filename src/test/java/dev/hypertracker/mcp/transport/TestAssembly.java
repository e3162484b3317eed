package dev.hypertracker.mcp.transport;

import dev.hypertracker.mcp.server.ServerAssembly;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A stand-in for the real assembly: {@code echo} answers at once, {@code progress} reports {@code steps}
 * progress notifications {@code delayMillis} apart (so it is also the "slow call" of the shutdown tests).
 */
final class TestAssembly implements ServerAssembly, StatelessServerAssembly {
    private static final McpJsonMapper JSON = McpJsonDefaults.getMapper();
    private static final Tool ECHO = Tool.builder("echo", JSON, """
            {"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}""")
            .description("Echoes the text back").build();
    private static final Tool PROGRESS = Tool.builder("progress", JSON, """
            {"type":"object","properties":{"steps":{"type":"integer","minimum":0,"maximum":100},
             "delayMillis":{"type":"integer","minimum":0,"maximum":60000}},"required":["steps"]}""")
            .description("Sends one progress notification per step, then answers").build();

    @Override
    public McpSyncServer build(McpServer.SyncSpecification<?> specification) {
        return specification.serverInfo("transport-test", "0")
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .tools(McpServerFeatures.SyncToolSpecification.builder().tool(ECHO)
                                .callHandler((exchange, request) -> echo(request)).build(),
                        McpServerFeatures.SyncToolSpecification.builder().tool(PROGRESS)
                                .callHandler((exchange, request) -> progress(request, exchange::progressNotification))
                                .build())
                .build();
    }

    @Override
    public McpStatelessSyncServer build(McpServer.StatelessSyncSpecification specification) {
        return specification.serverInfo("transport-test", "0")
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .tools(new McpStatelessServerFeatures.SyncToolSpecification(ECHO, (context, request) -> echo(request)),
                        new McpStatelessServerFeatures.SyncToolSpecification(PROGRESS,
                                (context, request) -> progress(request, notification -> { })))
                .build();
    }

    private static CallToolResult echo(CallToolRequest request) {
        return CallToolResult.builder().addTextContent("echo: " + request.arguments().get("text")).build();
    }

    private static CallToolResult progress(CallToolRequest request, Consumer<ProgressNotification> notify) {
        Map<String, Object> arguments = request.arguments();
        int steps = ((Number) arguments.get("steps")).intValue();
        long delayMillis = ((Number) arguments.getOrDefault("delayMillis", 0)).longValue();
        for (int step = 1; step <= steps; step++) {
            sleep(delayMillis);
            if (request.progressToken() != null) {
                notify.accept(ProgressNotification.builder(request.progressToken(), step).total((double) steps)
                        .message("step " + step).build());
            }
        }
        return CallToolResult.builder().addTextContent("done " + steps).build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
