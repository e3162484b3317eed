package dev.hypertracker.mcp.tools;

import dev.hypertracker.mcp.briefs.Briefs;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Toolset;
import dev.hypertracker.mcp.config.ConfigurationException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which tools to serve ({@code --tools}) and which of them tools/list shows at first. Tool definitions cost tokens
 * in every conversation, so without {@code --tools} only the {@link DefaultToolSet} is listed and every other tool
 * is served but hidden until a session enables its toolset ({@link ToolsetDiscovery}). With {@code --tools}
 * (tool names, toolset ids, or "all") exactly those tools are served and listed.
 */
public final class ToolSelection {
    public static final String ALL = "all";

    private final Set<String> served;
    private final Set<String> listedAtStart;

    private ToolSelection(Set<String> served, Set<String> listedAtStart) {
        this.served = Collections.unmodifiableSet(served);
        this.listedAtStart = Collections.unmodifiableSet(listedAtStart);
    }

    public static ToolSelection all() {
        return parse(ALL);
    }

    /** No {@code --tools}: every tool served, the default set listed, the rest found through the discovery tools. */
    public static ToolSelection defaults() {
        return new ToolSelection(
                new LinkedHashSet<>(inventory().keySet()), new LinkedHashSet<>(DefaultToolSet.names()));
    }

    /**
     * Parses {@code --tools}: null or blank is the default set; otherwise a comma-separated list of "all", toolset ids
     * and tool names. A toolset without tools in this build adds nothing; an unknown word is a configuration error
     * that lists the choices.
     */
    public static ToolSelection parse(String spec) {
        if (spec == null || spec.isBlank()) return defaults();
        Set<String> chosen = new LinkedHashSet<>();
        for (String raw : spec.split(",")) {
            String word = raw.trim();
            if (word.isEmpty()) continue;
            String lower = word.toLowerCase(Locale.ROOT);
            Optional<Toolset> set = toolset(lower);
            if (lower.equals(ALL)) {
                chosen.addAll(inventory().keySet());
            } else if (set.isPresent()) {
                chosen.addAll(toolsOf(set.get()));
            } else if (inventory().containsKey(word)) {
                chosen.add(word);
            } else {
                throw new ConfigurationException("--tools: \"" + word + "\" is neither a tool nor a toolset. Toolsets: "
                        + ALL + ", " + String.join(", ", toolsetIds()) + ". Tools: "
                        + String.join(", ", inventory().keySet()) + ".");
            }
        }
        if (chosen.isEmpty()) {
            throw new ConfigurationException("--tools \"" + spec.strip() + "\" selects no tool (a toolset may have "
                    + "none in this version; list_toolsets shows the counts).");
        }
        // served in tools/list order, whatever order the words came in
        Set<String> ordered = new LinkedHashSet<>(inventory().keySet());
        ordered.retainAll(chosen);
        return new ToolSelection(ordered, ordered);
    }

    /**
     * Every tool this server has, by name, with its toolset, in tools/list order: the one inventory that --tools,
     * the default set and the discovery tools read. A tool that is not an endpoint is added here by hand.
     */
    private static final Map<String, Toolset> INVENTORY = inventoryOfThisBuild();

    private static Map<String, Toolset> inventoryOfThisBuild() {
        Map<String, Toolset> tools = new LinkedHashMap<>();
        Briefs.names().forEach(brief -> tools.put(brief, Toolset.BRIEFS)); // one-call answers first
        Catalog.endpoints().forEach(e -> tools.put(e.tool(), e.toolset()));
        tools.put(ServerStatusTool.NAME, Toolset.META);
        tools.put(ToolsetDiscovery.LIST_TOOLSETS, Toolset.META);
        tools.put(ToolsetDiscovery.ENABLE_TOOLSET, Toolset.META);
        return Collections.unmodifiableMap(tools);
    }

    public static Map<String, Toolset> inventory() {
        return INVENTORY;
    }

    /** The tools of one toolset, in tools/list order; empty for a toolset that has none in this build. */
    public static List<String> toolsOf(Toolset set) {
        return inventory().entrySet().stream()
                .filter(e -> e.getValue() == set)
                .map(Map.Entry::getKey)
                .toList();
    }

    public static Optional<Toolset> toolset(String id) {
        return Arrays.stream(Toolset.values()).filter(t -> t.id().equals(id)).findFirst();
    }

    /** The toolset ids, from the enum: what {@code --tools}, its help text and enable_toolset accept. */
    public static List<String> toolsetIds() {
        return Arrays.stream(Toolset.values()).map(Toolset::id).toList();
    }

    /** Whether the tool is served at all (registered; maybe hidden until its toolset is enabled). */
    public boolean includes(String tool) {
        return served.contains(tool);
    }

    /** Whether tools/list shows the tool before any toolset is enabled. */
    public boolean listedAtStart(String tool) {
        return listedAtStart.contains(tool);
    }

    /** Served tool names, in tools/list order. */
    public Set<String> names() {
        return served;
    }

    /** The tools listed before any toolset is enabled, in tools/list order. */
    public Set<String> listedAtStartNames() {
        return listedAtStart;
    }
}
