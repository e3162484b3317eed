package dev.hypertracker.mcp.server;

import dev.hypertracker.mcp.api.CoinDirectory;
import dev.hypertracker.mcp.api.HyperTrackerClient;
import dev.hypertracker.mcp.api.Pager;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.completions.ArgumentCompletions;
import dev.hypertracker.mcp.config.Settings;
import dev.hypertracker.mcp.digest.Summarizer;
import dev.hypertracker.mcp.prompts.WorkflowPrompts;
import dev.hypertracker.mcp.resources.ReferenceResources;
import dev.hypertracker.mcp.resources.ResultResources;
import dev.hypertracker.mcp.resources.ResultStore;
import dev.hypertracker.mcp.stats.UpstreamStats;
import dev.hypertracker.mcp.tools.EndpointTool;
import dev.hypertracker.mcp.tools.ServerStatusTool;
import dev.hypertracker.mcp.tools.ToolSelection;
import dev.hypertracker.mcp.validation.ArgumentValidator;
import dev.hypertracker.mcp.views.Views;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * This server's feature set: the endpoint tools, the status tool, resources. One instance is shared by every
 * transport and session, so the upstream client, its cache and rate limiter are shared too.
 */
public final class HyperTrackerServer implements ServerAssembly {
    public static final String NAME = "hypertracker-mcp";

    private final Settings settings;
    private final ToolSelection selection;
    private final UpstreamStats stats = new UpstreamStats();
    private final HyperTrackerClient client;
    private final ResultStore results;
    private final EndpointTool.Context toolContext;
    private final ServerStatusTool statusTool;
    private final CoinDirectory coins;
    private final Clock clock;
    private final FirstCallWarmUp warmUp;
    /** Set by serve: tests and one-shot commands build a server without the warm-up. */
    private volatile boolean warmUpOnToolList;

    public HyperTrackerServer(Settings settings, ToolSelection selection, Clock clock) {
        this.settings = settings;
        this.selection = selection;
        this.client = new HyperTrackerClient(settings, stats, clock);
        this.results = new ResultStore(Duration.ofMinutes(30), clock);
        this.toolContext = new EndpointTool.Context(
                new ArgumentValidator(clock),
                new Pager(client),
                new Summarizer(clock),
                results,
                stats,
                settings.callDeadline(),
                settings.demo(),
                clock);
        this.statusTool = new ServerStatusTool(settings, client, stats, version());
        this.coins = new CoinDirectory(client, clock);
        this.clock = clock;
        this.warmUp = new FirstCallWarmUp(client::prepare);
    }

    public static String version() {
        String v = HyperTrackerServer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * Arms the first tool call's one-time work: it starts on a background thread when a client first lists the
     * tools (see FirstCallWarmUp).
     */
    public void warmUpForFirstCall() {
        warmUpOnToolList = true;
    }

    /** Shows every tool (the selection is in {@link #tools()}); a listing starts the armed warm-up. */
    private boolean startWarmUpOnToolList(McpTransportContext context, McpSchema.Tool tool) {
        if (warmUpOnToolList) warmUp.startOnce();
        return true;
    }

    public UpstreamStats stats() {
        return stats;
    }

    public List<SyncToolSpecification> tools() {
        List<SyncToolSpecification> tools = new ArrayList<>();
        Catalog.endpoints().stream()
                .filter(e -> selection.includes(e.tool()))
                .forEach(e -> tools.add(new EndpointTool(e, toolContext).specification()));
        if (selection.includes(ServerStatusTool.NAME)) {
            tools.add(statusTool.specification());
        }
        return tools;
    }

    @Override
    public McpSyncServer build(McpServer.SyncSpecification<?> specification) {
        ReferenceResources references = new ReferenceResources(client, coins, statusTool::status, clock);
        return specification
                .serverInfo(ServerIdentity.implementation(version()))
                .instructions(Instructions.forServer(settings.demo()))
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(false)
                        .resources(false, false)
                        .prompts(false)
                        .completions()
                        .logging()
                        .extensions(Views.capability())
                        .build())
                // our validator answers with clearer messages (argument, what is wrong, what is allowed) and
                // accepts cohort names where the schema says integer-or-string
                .validateToolInputs(false)
                // built on first use, not on the start path (see LazySchemaValidator)
                .jsonSchemaValidator(new LazySchemaValidator())
                .requestTimeout(settings.callDeadline().plusSeconds(15))
                .tools(tools())
                .addToolFilter(this::startWarmUpOnToolList)
                .resources(resources(references))
                .resourceTemplates(resourceTemplates(references))
                .prompts(WorkflowPrompts.specifications())
                .completions(new ArgumentCompletions(coins).specifications())
                .build();
    }

    /** The reference resources, then the MCP Apps views (ui://). */
    private static List<SyncResourceSpecification> resources(ReferenceResources references) {
        List<SyncResourceSpecification> resources = new ArrayList<>(references.resources());
        resources.addAll(Views.resources());
        return resources;
    }

    private List<SyncResourceTemplateSpecification> resourceTemplates(ReferenceResources references) {
        List<SyncResourceTemplateSpecification> templates = new ArrayList<>(new ResultResources(results).templates());
        templates.addAll(references.templates());
        return templates;
    }
}
