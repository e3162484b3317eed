package dev.hypertracker.mcp.tools;

import dev.hypertracker.mcp.catalog.Toolset;
import dev.hypertracker.mcp.toolresults.ToolResults;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code list_toolsets} and {@code enable_toolset}: the tools outside the default set, found and listed on demand.
 * Enabling is per session. SDK 2.1.0 registers tools per server, not per session, so every served tool is
 * registered once and a tools/list filter shows a session the tools listed at start plus the toolsets it enabled;
 * a call of a tool the session has not enabled is refused the same way. The filter sees the session through the
 * transport context ({@link #SESSION_KEY}, set by the HTTP transports; stdio has one session and no key).
 * {@code notifications/tools/list_changed} can only be broadcast in 2.1.0: every session gets it, re-lists, and
 * sees its own, unchanged list.
 */
public final class ToolsetDiscovery {
    private static final Logger log = LoggerFactory.getLogger(ToolsetDiscovery.class);

    public static final String LIST_TOOLSETS = "list_toolsets";
    public static final String ENABLE_TOOLSET = "enable_toolset";
    /** The transport context entry naming the session (Mcp-Session-Id, or the SSE sessionId). */
    public static final String SESSION_KEY = "hypertracker.sessionId";
    /**
     * Sessions whose enabled toolsets are remembered, least recently used dropped first: bounds the memory without
     * hooking session ends (a dropped session falls back to the default set; the HTTP transports allow 1,000).
     */
    static final int MAX_SESSIONS_REMEMBERED = 4_096;

    private static final String NO_SESSION = "";

    /**
     * Read-only and closed-world: both tools read or change only which tools this session lists (no API call,
     * nothing in the world changes), so a client may run them without asking.
     */
    private static final ToolAnnotations OWN_STATE = ToolAnnotations.builder()
            .readOnlyHint(true)
            .destructiveHint(false)
            .idempotentHint(true)
            .openWorldHint(false)
            .build();

    private final ToolSelection selection;
    private final Runnable listChanged;
    private final Map<String, Set<Toolset>> enabled = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<Toolset>> eldest) {
            return size() > MAX_SESSIONS_REMEMBERED;
        }
    };

    /** {@code listChanged} sends notifications/tools/list_changed (to every session: see the class comment). */
    public ToolsetDiscovery(ToolSelection selection, Runnable listChanged) {
        this.selection = selection;
        this.listChanged = listChanged;
    }

    // ---- what a session sees ----

    /** Whether tools/list shows this tool to the session of {@code context}, and whether it may be called there. */
    public boolean visible(McpTransportContext context, String tool) {
        if (selection.listedAtStart(tool)) return true;
        if (!selection.includes(tool)) return false;
        Toolset set = ToolSelection.inventory().get(tool);
        synchronized (enabled) {
            Set<Toolset> sets = enabled.get(sessionOf(context));
            return sets != null && sets.contains(set);
        }
    }

    /** The tool's specification, refusing calls from a session that has not enabled its toolset. */
    public SyncToolSpecification guarded(SyncToolSpecification spec) {
        String tool = spec.tool().name();
        if (selection.listedAtStart(tool)) return spec;
        Toolset set = ToolSelection.inventory().get(tool);
        return SyncToolSpecification.builder()
                .tool(spec.tool())
                .callHandler((exchange, request) -> visible(contextOf(exchange), tool)
                        ? spec.callHandler().apply(exchange, request)
                        : ToolResults.error(
                                tool + " is in toolset " + set.id() + ", which this session has not enabled: call "
                                        + ENABLE_TOOLSET + " with toolset=\"" + set.id() + "\" first."))
                .build();
    }

    /** The exchange's transport context; none when a tool is called outside a session (the call command, tests). */
    private static McpTransportContext contextOf(McpSyncServerExchange exchange) {
        return exchange == null ? McpTransportContext.EMPTY : exchange.transportContext();
    }

    private static String sessionOf(McpTransportContext context) {
        Object id = context == null ? null : context.get(SESSION_KEY);
        return id == null ? NO_SESSION : id.toString();
    }

    // ---- the two tools ----

    public List<SyncToolSpecification> specifications() {
        return List.of(
                SyncToolSpecification.builder()
                        .tool(listDefinition())
                        .callHandler((exchange, request) -> noArguments(request.arguments())
                                ? list(contextOf(exchange))
                                : ToolResults.error("Invalid argument: " + LIST_TOOLSETS + " takes no arguments; got "
                                        + request.arguments().keySet() + "."))
                        .build(),
                SyncToolSpecification.builder()
                        .tool(enableDefinition())
                        .callHandler((exchange, request) -> enable(contextOf(exchange), request.arguments()))
                        .build());
    }

    public static Tool listDefinition() {
        return Tool.builder(
                        LIST_TOOLSETS, Map.of("type", "object", "properties", Map.of(), "additionalProperties", false))
                .title("Toolsets")
                .description("Every group of tools, one line each: id, what it answers, tool count, whether listed "
                        + "now. Enable one with " + ENABLE_TOOLSET + ".")
                .outputSchema(Map.of(
                        "type",
                        "object",
                        "required",
                        List.of("toolsets"),
                        "properties",
                        Map.of("toolsets", Map.of("type", "array"))))
                .annotations(OWN_STATE)
                .build();
    }

    public static Tool enableDefinition() {
        Map<String, Object> toolset = new LinkedHashMap<>();
        toolset.put("type", "string");
        toolset.put("enum", ToolSelection.toolsetIds());
        toolset.put("description", "Toolset id from " + LIST_TOOLSETS + ".");
        return Tool.builder(
                        ENABLE_TOOLSET,
                        Map.of(
                                "type",
                                "object",
                                "properties",
                                Map.of("toolset", toolset),
                                "required",
                                List.of("toolset"),
                                "additionalProperties",
                                false))
                .title("Enable a toolset")
                .description("Lists a toolset's tools for this session (tools/list_changed follows); "
                        + "then call them as usual. No API call.")
                .outputSchema(Map.of(
                        "type",
                        "object",
                        "required",
                        List.of("toolset", "added"),
                        "properties",
                        Map.of(
                                "toolset",
                                Map.of("type", "string"),
                                "added",
                                Map.of("type", "array"),
                                "tools",
                                Map.of("type", "array"))))
                .annotations(OWN_STATE)
                .build();
    }

    CallToolResult list(McpTransportContext context) {
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder("Toolsets (id: what it answers; tools; listed now):\n");
        for (Toolset set : Toolset.values()) {
            List<String> served = ToolSelection.toolsOf(set).stream()
                    .filter(selection::includes)
                    .toList();
            long listed = served.stream().filter(t -> visible(context, t)).count();
            String state = served.isEmpty()
                    ? (ToolSelection.toolsOf(set).isEmpty() ? "no tools in this version" : "not served (--tools)")
                    : listed == served.size() ? "enabled" : listed == 0 ? "not enabled" : listed + " listed";
            text.append(set.id())
                    .append(": ")
                    .append(set.summary())
                    .append(' ')
                    .append(served.size())
                    .append(served.size() == 1 ? " tool, " : " tools, ")
                    .append(state)
                    .append('\n');
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", set.id());
            row.put("summary", set.summary());
            row.put("tools", served);
            row.put("listed", listed);
            row.put("enabled", !served.isEmpty() && listed == served.size());
            rows.add(row);
        }
        return CallToolResult.builder()
                .addTextContent(text.toString())
                .structuredContent(Map.of("toolsets", rows))
                .build();
    }

    CallToolResult enable(McpTransportContext context, Map<String, Object> arguments) {
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        Object value = args.get("toolset");
        Set<String> unknown = new java.util.TreeSet<>(args.keySet());
        unknown.remove("toolset");
        Toolset set = value instanceof String id
                ? ToolSelection.toolset(id.trim().toLowerCase(java.util.Locale.ROOT))
                        .orElse(null)
                : null;
        if (!unknown.isEmpty() || set == null) {
            return ToolResults.error("Invalid argument: " + ENABLE_TOOLSET + " takes toolset, one of "
                    + String.join(", ", ToolSelection.toolsetIds())
                    + (unknown.isEmpty()
                            ? "; got " + (value == null ? "none" : "\"" + value + "\"")
                            : "; unknown " + unknown)
                    + ".");
        }
        List<String> all = ToolSelection.toolsOf(set);
        List<String> served = all.stream().filter(selection::includes).toList();
        if (all.isEmpty()) {
            return result(set, List.of(), served, set.id() + " has no tools in this version; nothing changed.");
        }
        if (served.isEmpty()) {
            return ToolResults.error(set.id() + " is not served: this server was started with --tools "
                    + String.join(",", selection.names()) + ". Restart it without --tools (or with --tools all, or "
                    + "--tools " + set.id() + ",…) to use it.");
        }
        List<String> added = served.stream().filter(t -> !visible(context, t)).toList();
        if (added.isEmpty()) {
            return result(set, added, served, set.id() + ": every tool is already listed; nothing changed.");
        }
        synchronized (enabled) {
            enabled.computeIfAbsent(sessionOf(context), s -> EnumSet.noneOf(Toolset.class))
                    .add(set);
        }
        notifyListChanged();
        return result(
                set,
                added,
                served,
                "Enabled " + set.id() + " for this session; now listed: " + String.join(", ", added)
                        + ". Call them as usual.");
    }

    private void notifyListChanged() {
        try {
            listChanged.run();
        } catch (RuntimeException e) {
            // the tools are enabled all the same; a client that missed the notice sees them at its next tools/list
            log.warn("tools/list_changed could not be sent: {}", e.toString());
        }
    }

    private static CallToolResult result(Toolset set, List<String> added, List<String> tools, String text) {
        return CallToolResult.builder()
                .addTextContent(text)
                .structuredContent(Map.of("toolset", set.id(), "added", added, "tools", tools))
                .build();
    }

    private static boolean noArguments(Map<String, Object> arguments) {
        return arguments == null || arguments.isEmpty();
    }
}
