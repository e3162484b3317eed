package dev.hypertracker.mcp.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Endpoint;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WorkflowPromptsTest {
    static final List<SyncPromptSpecification> PROMPTS = WorkflowPrompts.specifications();

    static String text(String name, Map<String, Object> args) {
        SyncPromptSpecification spec = PROMPTS.stream()
                .filter(p -> p.prompt().name().equals(name))
                .findFirst()
                .orElseThrow();
        return ((TextContent) spec.promptHandler()
                        .apply(
                                null,
                                GetPromptRequest.builder(name).arguments(args).build())
                        .messages()
                        .get(0)
                        .content())
                .text();
    }

    @Test
    void theFiveWorkflowsExistAndNameOnlyRealTools() {
        assertThat(PROMPTS)
                .extracting(p -> p.prompt().name())
                .containsExactly(
                        "coin_positioning_brief",
                        "smart_vs_rekt_divergence",
                        "liquidation_risk_scan",
                        "wallet_deep_dive",
                        "what_changed");
        List<String> tools = Catalog.endpoints().stream().map(Endpoint::tool).toList();
        Map<String, Map<String, Object>> samples = Map.of(
                "coin_positioning_brief",
                Map.of("coin", "BTC"),
                "smart_vs_rekt_divergence",
                Map.of(),
                "liquidation_risk_scan",
                Map.of("segmentId", "9"),
                "wallet_deep_dive",
                Map.of("address", "0x" + "ab".repeat(20)),
                "what_changed",
                Map.of("coin", "ETH", "hours", "6"));
        Pattern toolWord = Pattern.compile("\\b(get|list|export)_[a-z_]+");
        samples.forEach((name, args) -> {
            String text = text(name, args);
            Matcher m = toolWord.matcher(text);
            int found = 0;
            while (m.find()) {
                assertThat(tools).as(name + " names " + m.group()).contains(m.group());
                found++;
            }
            assertThat(found).as(name + " names the tools it expects").isPositive();
        });
        assertThat(text("liquidation_risk_scan", Map.of("segmentId", "9")))
                .contains("\"Smart Money\"")
                .contains("at most 2 tool calls");
        assertThat(text("what_changed", Map.of("coin", "ETH", "hours", "6"))).contains("last 6 hours");
    }

    @Test
    void badArgumentsAreInvalidParamsErrors() {
        assertThatThrownBy(() -> text("coin_positioning_brief", Map.of("coin", "../x")))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("coin must be a coin symbol");
        assertThatThrownBy(() -> text("wallet_deep_dive", Map.of("address", "0x12")))
                .hasMessageContaining("40 hex digits");
        assertThatThrownBy(() -> text("what_changed", Map.of("coin", "BTC", "hours", "9999")))
                .hasMessageContaining("1 to 720");
        assertThatThrownBy(() -> text("liquidation_risk_scan", Map.of("segmentId", "krakens")))
                .hasMessageContaining("cohort id 1-16");
    }
}
