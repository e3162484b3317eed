package dev.hypertracker.mcp.tools;

import dev.hypertracker.mcp.api.ApiException;
import dev.hypertracker.mcp.api.Deadline;
import dev.hypertracker.mcp.api.Pager;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.digest.Digest;
import dev.hypertracker.mcp.digest.Summarizer;
import dev.hypertracker.mcp.digest.UpstreamBodyException;
import dev.hypertracker.mcp.resources.ResultStore;
import dev.hypertracker.mcp.stats.UpstreamStats;
import dev.hypertracker.mcp.toolresults.ToolResults;
import dev.hypertracker.mcp.validation.ArgumentValidator;
import dev.hypertracker.mcp.validation.InvalidArgumentException;
import dev.hypertracker.mcp.validation.ValidatedCall;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ResourceLink;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP tool of one endpoint. Every call takes the same path: validate the arguments (no request on any
 * error), fetch the page(s) within the call's deadline, digest them within the token budget, keep the full
 * data as a resource, and answer with text + structuredContent + a resource_link.
 */
public final class EndpointTool {
    private static final Logger log = LoggerFactory.getLogger(EndpointTool.class);
    static final String SYNTHETIC_NOTE =
            "SYNTHETIC DEMO DATA from the embedded sandbox (--demo), not real market data.";

    /** What every endpoint tool shares. */
    public record Context(
            ArgumentValidator validator,
            Pager pager,
            Summarizer summarizer,
            ResultStore results,
            UpstreamStats stats,
            Duration callDeadline,
            boolean demo,
            Clock clock) {}

    private final Endpoint endpoint;
    private final Context context;

    public EndpointTool(Endpoint endpoint, Context context) {
        this.endpoint = endpoint;
        this.context = context;
    }

    /** The tool definition: derived from the catalog entry. */
    public static Tool definition(Endpoint endpoint) {
        return ToolCharts.decorate(
                endpoint,
                Tool.builder(endpoint.tool(), ToolSchemas.inputSchema(endpoint))
                        .title(endpoint.title())
                        .description(endpoint.description())
                        .outputSchema(ToolSchemas.outputSchema(endpoint))
                        .annotations(ToolResults.readsTheApi())
                        .build());
    }

    public SyncToolSpecification specification() {
        return SyncToolSpecification.builder()
                .tool(definition(endpoint))
                .callHandler(this::call)
                .build();
    }

    CallToolResult call(McpSyncServerExchange exchange, CallToolRequest request) {
        return call(exchange, ResultStore.ownerOf(exchange), request);
    }

    /**
     * A call whose result belongs to {@code owner}. Stateless requests have no exchange (so no progress
     * notifications): their owner is the principal.
     */
    public CallToolResult call(McpSyncServerExchange exchange, String owner, CallToolRequest request) {
        try {
            ToolCharts.ChartRequest chart = ToolCharts.chartRequest(endpoint, request.arguments());
            ValidatedCall call = context.validator().validate(endpoint, chart.arguments());
            Deadline deadline = Deadline.after(context.callDeadline(), context.clock());
            Object progressToken = ToolResults.progressToken(request);
            Pager.Pages pages = context.pager()
                    .fetch(
                            call.request(),
                            call.maxPages(),
                            call.fresh(),
                            deadline,
                            (done, planned, rows) -> progress(exchange, progressToken, done, planned, rows));
            Optional<ResultStore.StoredResult> stored = context.results()
                    .put(owner, endpoint, call.request().pathAndQuery(), pages.packed(), pages.bytes());
            Digest digest = digest(call, pages, stored);
            context.stats().toolCall(false);
            return ToolCharts.decorate(
                    result(digest, stored, pages.allFromCache()), endpoint, chart, pages::bodies, exchange);
        } catch (InvalidArgumentException e) {
            context.stats().toolCall(true);
            return error("Invalid argument " + e.getMessage() + " No request was sent to HyperTracker.");
        } catch (ApiException e) {
            context.stats().toolCall(true);
            log.warn("{} failed: {}", endpoint.tool(), e.getMessage());
            return error(UnlistedExport.explain(endpoint, e));
        } catch (UpstreamBodyException e) {
            // fidelity: a body that is not the route's shape, or a number out of range, is the tool's error
            context.stats().toolCall(true);
            log.warn("{}: {}", endpoint.tool(), e.getMessage());
            return error(e.getMessage());
        } catch (RuntimeException e) {
            context.stats().toolCall(true);
            log.error("{} failed unexpectedly", endpoint.tool(), e);
            return error("Internal error in " + endpoint.tool() + " ("
                    + e.getClass().getSimpleName() + "). The server keeps running; try again or narrow the query.");
        }
    }

    /** Summarizes, reusing the digest of the very same bodies and options when the result store has it. */
    private Digest digest(ValidatedCall call, Pager.Pages pages, Optional<ResultStore.StoredResult> stored) {
        Supplier<Digest> summarize =
                () -> context.summarizer().summarize(endpoint, pages.bodies(), call.options(), pages.paging());
        if (stored.isEmpty() || !endpoint.digest().traits().replayable()) return summarize.get();
        return stored.get().digest(List.of(call.options(), pages.paging()), summarize);
    }

    private CallToolResult result(Digest digest, Optional<ResultStore.StoredResult> stored, boolean fromCache) {
        Map<String, Object> structured = new LinkedHashMap<>(digest.structured());
        StringBuilder text = new StringBuilder();
        if (context.demo()) {
            text.append(SYNTHETIC_NOTE).append('\n');
            structured.put("synthetic", true);
        }
        text.append(digest.text());
        if (fromCache) structured.put("cached", true);
        CallToolResult.Builder builder = CallToolResult.builder();
        stored.ifPresent(s -> {
            structured.put("resourceUri", s.jsonUri());
            text.append("\nFull data: ")
                    .append(s.jsonUri())
                    .append(" (JSON) or ")
                    .append(s.csvUri())
                    .append(" (CSV), kept ")
                    .append(context.results().ttl().toMinutes())
                    .append(" min.");
        });
        builder.addTextContent(text.toString()).structuredContent(structured);
        stored.ifPresent(s -> builder.addContent(ResourceLink.builder()
                .uri(s.jsonUri())
                .name(endpoint.tool() + "-" + s.id())
                .title("Full data of this " + endpoint.tool() + " result")
                .mimeType("application/json")
                .size(s.bytes())
                .build()));
        return builder.build();
    }

    private static CallToolResult error(String message) {
        return ToolResults.error(message);
    }

    private void progress(McpSyncServerExchange exchange, Object token, int done, int planned, int rows) {
        ToolResults.progress(
                exchange,
                token,
                done,
                planned,
                "Fetched page " + done + " of up to " + planned + " (" + rows + " rows)");
    }
}
