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
    /** About 6,000 tokens: what a model spends on the tool list before the first question (issues 14 and 15). */
    static final int MAX_TOOLS_LIST_TOKENS = 6_000;

    static final int MAX_TOOLS_LIST_CHARS = 24_000;

    @Test
    void theWholeToolListStaysUnder6000TokensAnd24000Characters() {
        List<Tool> tools = ToolManifest.definitions();
        String json = JsonMapper.builder().build().writeValueAsString(Map.of("tools", tools));
        int tokens = ExactTokens.count(json);
        System.out.println(
                "tools/list: " + tools.size() + " tools, " + json.length() + " chars, " + tokens + " tokens");
        assertThat(tokens).isLessThan(MAX_TOOLS_LIST_TOKENS);
        assertThat(json.length()).isLessThanOrEqualTo(MAX_TOOLS_LIST_CHARS);
    }
}
