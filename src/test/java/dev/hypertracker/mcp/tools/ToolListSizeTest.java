package dev.hypertracker.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.catalog.Toolset;
import dev.hypertracker.mcp.digest.ExactTokens;
import dev.hypertracker.mcp.digest.TokenCounter;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tool definitions are sent into every conversation's context: the tools/list a client sees without
 * {@code --tools} (the default set) must stay small. Counted with the O200K tokenizer the digests' budget is
 * calibrated against; the per-toolset sizes (what {@code enable_toolset} adds) are printed for the docs.
 */
class ToolListSizeTest {
    /** About 6,000 tokens: what a model spends on the tool list before the first question (issues 14 and 15). */
    static final int MAX_TOOLS_LIST_TOKENS = 6_000;

    static final int MAX_TOOLS_LIST_CHARS = 24_000;
    static final int MAX_DEFAULT_TOOLS = 25;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The tools/list result's JSON for these tools, as a client receives it. */
    static String toolsListJson(Collection<Tool> tools) {
        return JSON.writeValueAsString(Map.of("tools", tools));
    }

    static List<Tool> definitionsOf(Collection<String> names) {
        return ToolManifest.definitions().stream()
                .filter(t -> names.contains(t.name()))
                .toList();
    }

    @Test
    void theDefaultToolListStaysWithin25Tools24000CharactersAnd6000Tokens() {
        List<Tool> tools = definitionsOf(ToolSelection.defaults().listedAtStartNames());
        String json = toolsListJson(tools);
        int tokens = ExactTokens.count(json);
        System.out.println("default tools/list: " + tools.size() + " tools, " + json.length() + " chars, " + tokens
                + " tokens (O200K; TokenCounter.estimate " + TokenCounter.estimate(json) + ")");
        assertThat(tools).hasSizeLessThanOrEqualTo(MAX_DEFAULT_TOOLS);
        assertThat(json.length()).isLessThanOrEqualTo(MAX_TOOLS_LIST_CHARS);
        assertThat(tokens).isLessThanOrEqualTo(MAX_TOOLS_LIST_TOKENS);
    }

    @Test
    void perToolsetSizesAddUpToTheWholeList() {
        List<Tool> all = ToolManifest.definitions();
        String allJson = toolsListJson(all);
        int tools = 0;
        StringBuilder report = new StringBuilder("tools/list size per toolset (chars / O200K tokens):\n");
        for (Toolset set : Toolset.values()) {
            List<Tool> members = definitionsOf(ToolSelection.toolsOf(set));
            String json = toolsListJson(members);
            tools += members.size();
            report.append(String.format(
                    "  %-12s %2d tools %6d chars %5d tokens%n",
                    set.id(), members.size(), json.length(), ExactTokens.count(json)));
        }
        report.append(String.format(
                "  %-12s %2d tools %6d chars %5d tokens%n",
                "--tools all", all.size(), allJson.length(), ExactTokens.count(allJson)));
        System.out.print(report);
        assertThat(tools).as("every tool is in exactly one toolset").isEqualTo(all.size());
    }
}
