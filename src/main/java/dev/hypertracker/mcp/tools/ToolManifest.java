package dev.hypertracker.mcp.tools;

import dev.hypertracker.mcp.briefs.Briefs;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.catalog.Toolset;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * tools.json: every tool as clients see it in tools/list, plus its upstream endpoint and toolset. Generated from
 * the code ({@code java -jar target/hypertracker-mcp.jar tools-json > tools.json}); a test fails when the
 * checked-in file drifts, so schema changes show up in review.
 */
public final class ToolManifest {
    /** Keys sorted: schemas built with Map.of have no stable order, and the file must not change between runs. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ToolManifest() {}

    /** Every tool this server can serve (what {@code --tools all} lists), in tools/list order. */
    public static List<Tool> definitions() {
        List<Tool> tools = new ArrayList<>(Briefs.definitions());
        for (Endpoint e : Catalog.endpoints()) tools.add(EndpointTool.definition(e));
        tools.add(ServerStatusTool.definition());
        return tools;
    }

    public static String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("server", "hypertracker-mcp");
        root.put("generatedBy", "java -jar target/hypertracker-mcp.jar tools-json > tools.json");
        root.put("tools", entries());
        return JSON.writeValueAsString(root) + "\n";
    }

    /**
     * One tool's entry of tools.json, as its own document: the per-tool snapshot a test keeps under
     * src/test/resources/toolsnaps, so a schema change reviews as a diff of that one tool.
     */
    public static Map<String, String> snapshots() {
        Map<String, String> byTool = new LinkedHashMap<>();
        for (Map<String, Object> entry : entries())
            byTool.put((String) entry.get("name"), JSON.writeValueAsString(entry) + "\n");
        return byTool;
    }

    private static List<Map<String, Object>> entries() {
        List<Map<String, Object>> tools = new ArrayList<>();
        for (Tool brief : Briefs.definitions()) tools.add(entry(brief, null, Toolset.BRIEFS.id()));
        for (Endpoint e : Catalog.endpoints())
            tools.add(entry(
                    EndpointTool.definition(e),
                    "GET " + e.fullPathTemplate(),
                    e.toolset().id()));
        tools.add(entry(ServerStatusTool.definition(), null, "meta"));
        return tools;
    }

    /** The README's tool table (between the tools-table markers), from the same definitions. */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder(
                "| tool | toolset | upstream GET (under /api/external) | what it answers |\n|---|---|---|---|\n");
        for (Tool brief : Briefs.definitions()) {
            sb.append("| `")
                    .append(brief.name())
                    .append("` | briefs | (several: the single tools' cached reads) | ")
                    .append(brief.title())
                    .append(" |\n");
        }
        for (Endpoint e : Catalog.endpoints()) {
            sb.append("| `")
                    .append(e.tool())
                    .append("` | ")
                    .append(e.toolset().id())
                    .append(" | `")
                    .append(e.pathTemplate())
                    .append("` | ")
                    .append(e.title())
                    .append(" |\n");
        }
        sb.append("| `")
                .append(ServerStatusTool.NAME)
                .append("` | meta | (none: this server's counters) | ")
                .append(ServerStatusTool.definition().title())
                .append(" |\n");
        return sb.toString();
    }

    private static Map<String, Object> entry(Tool tool, String upstream, String toolset) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", tool.name());
        m.put("title", tool.title());
        m.put("toolset", toolset);
        m.put("upstream", upstream);
        m.put("description", tool.description());
        m.put("annotations", tool.annotations());
        m.put("inputSchema", tool.inputSchema());
        m.put("outputSchema", tool.outputSchema());
        if (tool.meta() != null) m.put("_meta", tool.meta()); // the MCP Apps view link (ToolCharts)
        return m;
    }
}
