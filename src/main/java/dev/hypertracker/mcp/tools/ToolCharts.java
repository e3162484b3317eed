package dev.hypertracker.mcp.tools;

import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.charts.ChartData;
import dev.hypertracker.mcp.charts.PngChart;
import dev.hypertracker.mcp.validation.InvalidArgumentException;
import dev.hypertracker.mcp.views.View;
import dev.hypertracker.mcp.views.Views;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The one hook that gives charted tools (series, positions heatmap, liquidation heatmap) their charts, so the
 * catalog and the tool path stay as they are: the definition gets the optional {@code chart} argument and
 * {@code _meta.ui.resourceUri} (MCP Apps view); the result gets a PNG when asked for and, for clients that declared
 * the MCP Apps extension, the view's chart data in {@code _meta}. Every other client sees the result unchanged.
 */
public final class ToolCharts {
    private static final Logger log = LoggerFactory.getLogger(ToolCharts.class);
    public static final String CHART = "chart";
    public static final String PNG = "png";

    private ToolCharts() {}

    /** The arguments without {@code chart}, and whether a PNG was asked for. */
    public record ChartRequest(Map<String, Object> arguments, boolean png) {}

    /** The tool definition with the chart argument and the view link, for endpoints that have a chart. */
    static Tool decorate(Endpoint endpoint, Tool tool) {
        Optional<View> view = View.of(endpoint);
        if (view.isEmpty()) return tool;
        Map<String, Object> withChart = new LinkedHashMap<>(tool.inputSchema());
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) withChart.get("properties"));
        properties.put(CHART, Map.of("enum", List.of(PNG)));
        withChart.put("properties", properties);
        return Tool.builder(tool.name(), withChart)
                .title(tool.title())
                .description(tool.description())
                .outputSchema(tool.outputSchema())
                .annotations(tool.annotations())
                .meta(Views.toolMeta(view.get()))
                .build();
    }

    /** Takes {@code chart} out of the arguments (the validator knows only the API's and the digest's). */
    static ChartRequest chartRequest(Endpoint endpoint, Map<String, Object> arguments) {
        if (arguments == null || !arguments.containsKey(CHART)) return new ChartRequest(arguments, false);
        Object chart = arguments.get(CHART);
        if (View.of(endpoint).isEmpty()) {
            throw new InvalidArgumentException(CHART, "is not an argument of " + endpoint.tool() + ".");
        }
        if (!PNG.equals(chart)) {
            throw new InvalidArgumentException(CHART, "must be \"png\" (or left out).");
        }
        Map<String, Object> rest = new LinkedHashMap<>(arguments);
        rest.remove(CHART);
        return new ChartRequest(rest, true);
    }

    /** The result with the PNG and/or the view's data added; unchanged when neither applies. */
    static CallToolResult decorate(
            CallToolResult result,
            Endpoint endpoint,
            ChartRequest request,
            Supplier<List<JsonNode>> bodies,
            McpSyncServerExchange exchange) {
        boolean view = View.of(endpoint).isPresent()
                && exchange != null
                && Views.supportedBy(exchange.getClientCapabilities());
        if (!request.png() && !view) return result;
        List<Content> content = new ArrayList<>(result.content());
        Map<String, Object> meta = result.meta() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(result.meta());
        try {
            ChartData data = ChartData.of(endpoint, bodies.get()).orElseThrow();
            if (view) meta.put(Views.CHART_META_KEY, data.toJson());
            if (request.png()) {
                content.add(ImageContent.builder(Base64.getEncoder().encodeToString(PngChart.render(data)), "image/png")
                        .build());
            }
        } catch (RuntimeException | Error e) {
            // a chart is an extra: the digest still answers. A JRE without fonts fails in Java2D with an Error
            // ("No fonts found", InternalError, UnsatisfiedLinkError); other VM errors are not ours to swallow.
            if (e instanceof VirtualMachineError && !(e instanceof InternalError)) throw e;
            log.warn("{}: chart not drawn: {}", endpoint.tool(), e.toString());
            if (request.png())
                content.add(io.modelcontextprotocol.spec.McpSchema.TextContent.builder(
                                "No chart image: it could not be drawn ("
                                        + e.getClass().getSimpleName() + ").")
                        .build());
        }
        return CallToolResult.builder()
                .content(content)
                .structuredContent(result.structuredContent())
                .isError(result.isError())
                .meta(meta.isEmpty() ? null : meta)
                .build();
    }
}
