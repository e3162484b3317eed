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
 * progress notifications and a ping the client answers, {@code block} waits until the test opens {@link #gate()}
 * (the "slow call" of the drain and concurrency tests, without any timing).
 */
final class TestAssembly implements ServerAssembly, StatelessServerAssembly {
    private static final McpJsonMapper JSON = McpJsonDefaults.getMapper();
    private static final Tool ECHO =
            Tool.builder("echo", JSON, """
            {"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}""").description("Echoes the text back").build();
    private static final Tool BLOCK = Tool.builder("block", JSON, """
            {"type":"object","properties":{}}""")
            .description("Answers once the test opens the gate")
            .build();
    private static final Tool PROGRESS = Tool.builder("progress", JSON, """
            {"type":"object","properties":{"steps":{"type":"integer","minimum":0,"maximum":100}},"required":["steps"]}""")
            .description("Sends one progress notification per step, then answers")
            .build();

    private final Gate gate = new Gate();

    /** Holds every {@code block} call until opened. */
    Gate gate() {
        return gate;
    }

    @Override
    public McpSyncServer build(McpServer.SyncSpecification<?> specification) {
        return specification
                .serverInfo("transport-test", "0")
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .tools(
                        McpServerFeatures.SyncToolSpecification.builder()
                                .tool(ECHO)
                                .callHandler((exchange, request) -> echo(request))
                                .build(),
                        McpServerFeatures.SyncToolSpecification.builder()
                                .tool(PROGRESS)
                                .callHandler((exchange, request) ->
                                        progress(request, exchange::progressNotification, exchange::ping))
                                .build(),
                        McpServerFeatures.SyncToolSpecification.builder()
                                .tool(BLOCK)
                                .callHandler((exchange, request) -> gate.pass())
                                .build())
                .build();
    }

    @Override
    public McpStatelessSyncServer build(McpServer.StatelessSyncSpecification specification) {
        return specification
                .serverInfo("transport-test", "0")
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .tools(
                        new McpStatelessServerFeatures.SyncToolSpecification(ECHO, (context, request) -> echo(request)),
                        new McpStatelessServerFeatures.SyncToolSpecification(
                                PROGRESS, (context, request) -> progress(request, notification -> {}, () -> {})))
                .build();
    }

    private static CallToolResult echo(CallToolRequest request) {
        return CallToolResult.builder()
                .addTextContent("echo: " + request.arguments().get("text"))
                .build();
    }

    /**
     * The notifications, then a ping the client must answer before the result goes out: a client answers it after
     * handling what came before it, so no notification shares a chunk with the result (the TS client drops those).
     */
    private static CallToolResult progress(
            CallToolRequest request, Consumer<ProgressNotification> notify, Runnable roundTrip) {
        Map<String, Object> arguments = request.arguments();
        int steps = ((Number) arguments.get("steps")).intValue();
        for (int step = 1; step <= steps; step++) {
            if (request.progressToken() != null) {
                notify.accept(ProgressNotification.builder(request.progressToken(), step)
                        .total((double) steps)
                        .message("step " + step)
                        .build());
            }
        }
        if (request.progressToken() != null) roundTrip.run();
        return CallToolResult.builder().addTextContent("done " + steps).build();
    }

    /** Counts the calls that reached it and lets them through once opened. */
    static final class Gate {
        private final java.util.concurrent.Semaphore entered = new java.util.concurrent.Semaphore(0);
        private final java.util.concurrent.CountDownLatch open = new java.util.concurrent.CountDownLatch(1);

        CallToolResult pass() {
            entered.release();
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CallToolResult.builder()
                        .addTextContent("interrupted")
                        .isError(true)
                        .build();
            }
            return CallToolResult.builder().addTextContent("passed").build();
        }

        /** Waits until {@code calls} calls are inside (a guard against a hung test, not a timing). */
        void awaitEntered(int calls) throws InterruptedException {
            if (!entered.tryAcquire(calls, 60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("no call reached the gate");
            }
        }

        void open() {
            open.countDown();
        }
    }
}
