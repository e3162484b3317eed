package dev.hypertracker.mcp.tools;

import dev.hypertracker.mcp.briefs.Briefs;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.catalog.Toolset;
import dev.hypertracker.mcp.config.ConfigurationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which tools to serve ({@code --tools}): tool names and toolset names (positions, metrics, exports, risk, meta),
 * or "all". Fewer tools means fewer tokens of tool definitions in every conversation.
 */
public final class ToolSelection {
    private final Set<String> tools;

    private ToolSelection(Set<String> tools) {
        this.tools = tools;
    }

    public static ToolSelection all() {
        return parse("all");
    }

    /** Parses a comma-separated list; an unknown word is a configuration error that lists the choices. */
    public static ToolSelection parse(String spec) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String raw : (spec == null || spec.isBlank() ? "all" : spec).split(",")) {
            String word = raw.trim();
            if (word.isEmpty()) continue;
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.equals("all")) {
                allNames().forEach(chosen::add);
                continue;
            }
            Toolset set = Arrays.stream(Toolset.values())
                    .filter(t -> t.id().equals(lower))
                    .findFirst()
                    .orElse(null);
            if (set != null) {
                Catalog.endpoints().stream()
                        .filter(e -> e.toolset() == set)
                        .map(Endpoint::tool)
                        .forEach(chosen::add);
                if (set == Toolset.META) chosen.add(ServerStatusTool.NAME);
                if (set == Toolset.BRIEFS) chosen.addAll(Briefs.names());
            } else if (allNames().contains(word)) {
                chosen.add(word);
            } else {
                throw new ConfigurationException("--tools: \"" + word
                        + "\" is neither a tool nor a toolset. Toolsets: all, "
                        + String.join(
                                ", ",
                                Arrays.stream(Toolset.values()).map(Toolset::id).toList()) + ". Tools: "
                        + String.join(", ", allNames()) + ".");
            }
        }
        if (chosen.isEmpty()) throw new ConfigurationException("--tools selects no tool.");
        return new ToolSelection(chosen);
    }

    static List<String> allNames() {
        List<String> names = new ArrayList<>(Briefs.names());
        Catalog.endpoints().stream().map(Endpoint::tool).forEach(names::add);
        names.add(ServerStatusTool.NAME);
        return names;
    }

    public boolean includes(String tool) {
        return tools.contains(tool);
    }

    public Set<String> names() {
        return Set.copyOf(tools);
    }
}
