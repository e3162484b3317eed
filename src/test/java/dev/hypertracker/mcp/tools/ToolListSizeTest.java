package dev.hypertracker.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.digest.ExactTokens;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tool definitions are sent into every conversation's context: the whole tools/list must stay small. Counted
 * with the same tokenizer the digests' budget uses.
 */
class ToolListSizeTest {
    /**
     * 6,000 until the charts (issue 18), which add to the 8 charted tools the {@code chart} argument (~9 tokens each)
     * and the MCP Apps view link in {@code _meta} (~15 each; protocol metadata, which hosts do not put in the
     * model's context).
     */
    static final int MAX_TOOLS_LIST_TOKENS = 6_200;

    @Test
    void theWholeToolListStaysUnder6200Tokens() {
        List<Tool> tools = ToolManifest.definitions();
        String json = JsonMapper.builder().build().writeValueAsString(Map.of("tools", tools));
        int tokens = ExactTokens.count(json);
        System.out.println(
                "tools/list: " + tools.size() + " tools, " + json.length() + " chars, " + tokens + " tokens");
        assertThat(tokens).isLessThan(MAX_TOOLS_LIST_TOKENS);
    }
}
