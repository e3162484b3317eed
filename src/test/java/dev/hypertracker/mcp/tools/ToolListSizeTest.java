package dev.hypertracker.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.digest.ExactTokens;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tool definitions are sent into every conversation's context: the whole tools/list must stay small. Counted
 * with the same tokenizer the digests' budget uses.
 */
class ToolListSizeTest {
    static final int MAX_TOOLS_LIST_TOKENS = 6_000;

    @Test
    void theWholeToolListStaysUnder6000Tokens() {
        List<Tool> tools = new ArrayList<>(Catalog.endpoints().stream().map(EndpointTool::definition).toList());
        tools.add(ServerStatusTool.definition());
        String json = JsonMapper.builder().build().writeValueAsString(Map.of("tools", tools));
        int tokens = ExactTokens.count(json);
        System.out.println("tools/list: " + tools.size() + " tools, " + json.length() + " chars, " + tokens + " tokens");
        assertThat(tokens).isLessThan(MAX_TOOLS_LIST_TOKENS);
    }
}
