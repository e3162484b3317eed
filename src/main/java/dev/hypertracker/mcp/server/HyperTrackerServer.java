package dev.hypertracker.mcp.server;

import dev.hypertracker.mcp.api.CoinDirectory;
import dev.hypertracker.mcp.api.HyperTrackerClient;
import dev.hypertracker.mcp.api.Pager;
import dev.hypertracker.mcp.briefs.Briefs;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.completions.ArgumentCompletions;
import dev.hypertracker.mcp.config.Settings;
import dev.hypertracker.mcp.digest.Summarizer;
import dev.hypertracker.mcp.memory.HeapBudget;
import dev.hypertracker.mcp.prompts.WorkflowPrompts;
import dev.hypertracker.mcp.resources.ReferenceResources;
import dev.hypertracker.mcp.resources.ResultResources;
import dev.hypertracker.mcp.resources.ResultStore;
import dev.hypertracker.mcp.shared.SharedResults;
import dev.hypertracker.mcp.shared.Sharing;
import dev.hypertracker.mcp.stats.UpstreamStats;
import dev.hypertracker.mcp.tools.EndpointTool;
import dev.hypertracker.mcp.tools.ServerStatusTool;
import dev.hypertracker.mcp.tools.ToolSelection;
import dev.hypertracker.mcp.tools.ToolsetDiscovery;
import dev.hypertracker.mcp.validation.ArgumentValidator;
import dev.hypertracker.mcp.views.Views;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * This server's feature set: the endpoint tools, the status tool, resources. One instance is shared by every
 * transport and session, so the upstream client, its cache and rate limiter are shared too.
 */
public final class HyperTrackerServer implements ServerAssembly {
    public static final String NAME = "hypertracker-mcp";

    static final Duration RESULT_TTL = Duration.ofMinutes(30);

    private final Settings settings;
    private final Sharing sharing;
    private final ToolSelection selection;
    private final UpstreamStats stats = new UpstreamStats();
    private final HyperTrackerClient client;
    private final ResultStore results;
    private final EndpointTool.Context toolContext;
    private final Briefs.Context briefContext;
    private final ServerStatusTool statusTool;
    private final CoinDirectory coins;
    private final Clock clock;
    private final ToolsetDiscovery discovery;
    /** The SDK servers built from this assembly (one per transport), for tools/list_changed. */
    private final List<McpSyncServer> built = new CopyOnWriteArrayList<>();

    private final FirstCallWarmUp warmUp;
    /** Set by serve: tests and one-shot commands build a server without the warm-up. */
    private volatile boolean warmUpOnToolList;

    public HyperTrackerServer(Settings settings, ToolSelection selection, Clock clock) {
        this(settings, selection, clock, Sharing.off());
    }

    /** Sharing the rate limit, response cache, coalescing and results with other instances through Redis. */
    public HyperTrackerServer(Settings settings, ToolSelection selection, Clock clock, Sharing sharing) {
        this.settings = settings;
        this.selection = selection;
        this.sharing = sharing;
        this.client = new HyperTrackerClient(settings, stats, clock, sharing);
        this.results = new ResultStore(
                RESULT_TTL,
                HeapBudget.share(HeapBudget.RESULT_STORE_SHARE),
                clock,
                sharing.store().enabled() ? new SharedResults(sharing.store()) : null);
        this.toolContext = new EndpointTool.Context(
                new ArgumentValidator(clock),
                new Pager(client),
                new Summarizer(clock),
                results,
                stats,
                settings.callDeadline(),
                settings.demo(),
                clock);
        this.briefContext = new Briefs.Context(
                toolContext.validator(),
                toolContext.pager(),
                toolContext.summarizer(),
                stats,
                settings.callDeadline(),
                settings.demo(),
                clock);
        this.statusTool = new ServerStatusTool(settings, client, stats, version(), sharing.store()::state);
        this.coins = new CoinDirectory(client, clock);
        this.clock = clock;
        this.discovery = new ToolsetDiscovery(selection, () -> built.forEach(McpSyncServer::notifyToolsListChanged));
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

    /** The shared store's connection (off without Redis), closed with the server. */
    public Sharing sharing() {
        return sharing;
    }

    /**
     * Every served tool, in tools/list order. Tools outside the ones listed at start are registered too, and shown
     * to a session once it enables their toolset (see ToolsetDiscovery).
     */
    public List<SyncToolSpecification> tools() {
        List<SyncToolSpecification> tools = new ArrayList<>();
        tools.addAll(Briefs.specifications(briefContext));
        Catalog.endpoints().stream()
                .filter(e -> selection.includes(e.tool()))
                .forEach(e -> tools.add(new EndpointTool(e, toolContext).specification()));
        tools.add(statusTool.specification());
        tools.addAll(discovery.specifications());
        return tools.stream()
                .filter(t -> selection.includes(t.tool().name()))
                .map(discovery::guarded)
                .toList();
    }

    @Override
    public McpSyncServer build(McpServer.SyncSpecification<?> specification) {
        ReferenceResources references = new ReferenceResources(client, coins, statusTool::status, clock);
        McpSyncServer server = specification
                .serverInfo(ServerIdentity.implementation(version()))
                .instructions(Instructions.forServer(settings.demo()))
                // listChanged: enable_toolset changes a session's tool list
                .capabilities(capabilities(true)
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
                // one filter (the SDK keeps one): the first listing starts the warm-up; each session sees its toolsets
                .addToolFilter((context, tool) ->
                        startWarmUpOnToolList(context, tool) && discovery.visible(context, tool.name()))
                .resources(resources(references))
                .resourceTemplates(resourceTemplates(references))
                .prompts(WorkflowPrompts.specifications())
                .completions(new ArgumentCompletions(coins).specifications())
                .build();
        built.add(server);
        return server;
    }

    /**
     * The same features for the stateless transport (pass {@code server::buildStateless} as its assembly): no
     * sessions, so no progress or log notifications, no views negotiation, and results belong to the request's
     * principal (its client token) instead of a session.
     */
    public McpStatelessSyncServer buildStateless(McpServer.StatelessSyncSpecification specification) {
        ReferenceResources references = new ReferenceResources(client, coins, statusTool::status, clock);
        List<McpStatelessServerFeatures.SyncToolSpecification> tools = new ArrayList<>();
        // no session to enable toolsets for: every selected tool is listed (and the briefs run without progress)
        for (SyncToolSpecification brief : Briefs.specifications(briefContext)) {
            if (!selection.includes(brief.tool().name())) continue;
            tools.add(new McpStatelessServerFeatures.SyncToolSpecification(
                    brief.tool(), (context, request) -> brief.callHandler().apply(null, request)));
        }
        Catalog.endpoints().stream().filter(e -> selection.includes(e.tool())).forEach(e -> {
            EndpointTool tool = new EndpointTool(e, toolContext);
            tools.add(new McpStatelessServerFeatures.SyncToolSpecification(
                    EndpointTool.definition(e),
                    (context, request) -> tool.call(null, ResultStore.ownerOf(context), request)));
        });
        if (selection.includes(ServerStatusTool.NAME)) {
            SyncToolSpecification status = statusTool.specification();
            tools.add(new McpStatelessServerFeatures.SyncToolSpecification(
                    status.tool(), (context, request) -> status.callHandler().apply(null, request)));
        }
        List<McpStatelessServerFeatures.SyncResourceTemplateSpecification> templates =
                new ArrayList<>(new ResultResources(results).statelessTemplates());
        references
                .templates()
                .forEach(t -> templates.add(new McpStatelessServerFeatures.SyncResourceTemplateSpecification(
                        t.resourceTemplate(),
                        (context, request) -> t.readHandler().apply(null, request))));
        return specification
                .serverInfo(ServerIdentity.implementation(version()))
                .instructions(Instructions.forServer(settings.demo()))
                .capabilities(capabilities(false).build()) // no session: no logging, no views negotiation
                .validateToolInputs(false)
                .jsonSchemaValidator(new LazySchemaValidator())
                .requestTimeout(settings.callDeadline().plusSeconds(15))
                .tools(tools)
                .resources(resources(references).stream()
                        .map(r -> new McpStatelessServerFeatures.SyncResourceSpecification(
                                r.resource(),
                                (context, request) -> r.readHandler().apply(null, request)))
                        .toList())
                .resourceTemplates(templates)
                .prompts(WorkflowPrompts.specifications().stream()
                        .map(p -> new McpStatelessServerFeatures.SyncPromptSpecification(
                                p.prompt(),
                                (context, request) -> p.promptHandler().apply(null, request)))
                        .toList())
                .completions(new ArgumentCompletions(coins)
                        .specifications().stream()
                                .map(c -> new McpStatelessServerFeatures.SyncCompletionSpecification(
                                        c.referenceKey(),
                                        (context, request) ->
                                                c.completionHandler().apply(null, request)))
                                .toList())
                .build();
    }

    /** Tools, resources, prompts and completions, none of whose lists change while serving. */
    private static McpSchema.ServerCapabilities.Builder capabilities(boolean toolListChanges) {
        return McpSchema.ServerCapabilities.builder()
                .tools(toolListChanges)
                .resources(false, false)
                .prompts(false)
                .completions();
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
