package dev.hypertracker.mcp.cli;

import dev.hypertracker.mcp.config.ConfigurationException;
import dev.hypertracker.mcp.server.HyperTrackerServer;
import dev.hypertracker.mcp.tools.ToolSelection;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code hypertracker-mcp call TOOL [--arg k=v]… [--demo]}: one tool call from the shell, through exactly the path an
 * MCP client's call takes. For scripts, cron jobs, and trying the server without an MCP client.
 */
@Command(
        name = "call",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Calls one tool and prints its result (text digest, or --json for structuredContent). Exit 1 on a tool error.")
public final class CallCommand implements Callable<Integer> {
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Parameters(index = "0", paramLabel = "TOOL", description = "Tool name, e.g. get_positions_heatmap.")
    String tool;

    @Option(
            names = {"-a", "--arg"},
            paramLabel = "NAME=VALUE",
            description = "A tool argument (repeatable). Values are "
                    + "JSON when they parse as JSON (5, true, [\"a\"]), else strings.")
    Map<String, String> args = new LinkedHashMap<>();

    @Option(names = "--args-json", paramLabel = "JSON", description = "All arguments as one JSON object.")
    String argsJson;

    @Option(names = "--json", description = "Print structuredContent as JSON instead of the text digest.")
    boolean json;

    @Option(names = "--demo", description = "Use the embedded sandbox's synthetic data.")
    boolean demo;

    @Option(names = "--seed", defaultValue = "42", description = "Demo mode: the sandbox's data seed.")
    long seed;

    @Override
    public Integer call() {
        Map<String, Object> arguments = arguments();
        try (Upstream upstream = Upstream.connect(demo, seed, System.getenv())) {
            HyperTrackerServer server =
                    new HyperTrackerServer(upstream.settings(), ToolSelection.all(), Clock.systemUTC());
            SyncToolSpecification spec = server.tools().stream()
                    .filter(t -> t.tool().name().equals(tool))
                    .findFirst()
                    .orElseThrow(() ->
                            new ConfigurationException("no tool named \"" + tool + "\"; see tools.json or tools/list"));
            CallToolResult result = spec.callHandler()
                    .apply(
                            null,
                            CallToolRequest.builder(tool).arguments(arguments).build());
            if (json && !Boolean.TRUE.equals(result.isError())) {
                System.out.println(JSON.writeValueAsString(result.structuredContent()));
            } else {
                result.content().stream()
                        .filter(c -> c instanceof TextContent)
                        .forEach(c -> (Boolean.TRUE.equals(result.isError()) ? System.err : System.out)
                                .println(((TextContent) c).text()));
            }
            return Boolean.TRUE.equals(result.isError()) ? 1 : 0;
        }
    }

    private Map<String, Object> arguments() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (argsJson != null) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> parsed = JSON.readValue(argsJson, LinkedHashMap.class);
                out.putAll(parsed);
            } catch (JacksonException | ClassCastException e) {
                throw new ConfigurationException("--args-json is not a JSON object");
            }
        }
        args.forEach((k, v) -> out.put(k, jsonOrString(v)));
        return out;
    }

    private static Object jsonOrString(String v) {
        try {
            Object parsed = JSON.readValue(v, Object.class);
            return parsed instanceof Map
                            || parsed instanceof List
                            || parsed instanceof Number
                            || parsed instanceof Boolean
                    ? parsed
                    : v;
        } catch (JacksonException e) {
            return v;
        }
    }
}
