package dev.hypertracker.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.catalog.Toolset;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** list_toolsets and enable_toolset on their own: what a session sees, per session, and what each call answers. */
class ToolsetDiscoveryTest {
    static final McpTransportContext SESSION_A =
            McpTransportContext.create(Map.of(ToolsetDiscovery.SESSION_KEY, "session-a"));
    static final McpTransportContext SESSION_B =
            McpTransportContext.create(Map.of(ToolsetDiscovery.SESSION_KEY, "session-b"));

    final AtomicInteger notifications = new AtomicInteger();
    final ToolsetDiscovery discovery = new ToolsetDiscovery(ToolSelection.defaults(), notifications::incrementAndGet);

    /** A metrics tool outside the default set: what enabling metrics must reveal. */
    static final String HIDDEN = "get_market_overview_metrics";

    @Test
    void enablingAToolsetShowsItsToolsToThatSessionOnlyAndNotifiesOnce() {
        assertThat(DefaultToolSet.names()).doesNotContain(HIDDEN);
        assertThat(discovery.visible(SESSION_A, HIDDEN)).isFalse();

        CallToolResult enabled = discovery.enable(SESSION_A, Map.of("toolset", "metrics"));
        assertThat(enabled.isError()).isNotEqualTo(Boolean.TRUE);
        List<String> hiddenMetrics = ToolSelection.toolsOf(Toolset.METRICS).stream()
                .filter(t -> !DefaultToolSet.names().contains(t))
                .toList();
        assertThat(hiddenMetrics).contains(HIDDEN);
        assertThat(structured(enabled).get("added")).isEqualTo(hiddenMetrics);
        assertThat(text(enabled)).contains("Enabled metrics").contains(HIDDEN);
        assertThat(notifications).hasValue(1);

        assertThat(discovery.visible(SESSION_A, HIDDEN)).isTrue();
        assertThat(discovery.visible(SESSION_B, HIDDEN)).as("another session").isFalse();
        assertThat(discovery.visible(McpTransportContext.EMPTY, HIDDEN))
                .as("the sessionless (stdio) context")
                .isFalse();
        // the default set stays listed everywhere
        assertThat(DefaultToolSet.names())
                .allSatisfy(t -> assertThat(discovery.visible(SESSION_B, t)).isTrue());

        CallToolResult again = discovery.enable(SESSION_A, Map.of("toolset", "METRICS"));
        assertThat(text(again)).contains("already listed");
        assertThat(structured(again).get("added")).isEqualTo(List.of());
        assertThat(notifications).as("nothing changed, nothing sent").hasValue(1);
    }

    @Test
    void aHiddenToolIsRefusedUntilTheSessionEnablesItsToolset() {
        AtomicInteger calls = new AtomicInteger();
        SyncToolSpecification guarded = discovery.guarded(SyncToolSpecification.builder()
                .tool(ToolManifest.definitions().stream()
                        .filter(t -> t.name().equals(HIDDEN))
                        .findFirst()
                        .orElseThrow())
                .callHandler((exchange, request) -> {
                    calls.incrementAndGet();
                    return CallToolResult.builder().addTextContent("ran").build();
                })
                .build());
        // no exchange: the sessionless context, which has not enabled metrics
        CallToolResult refused = guarded.callHandler()
                .apply(null, CallToolRequest.builder(HIDDEN).arguments(Map.of()).build());
        assertThat(refused.isError()).isTrue();
        assertThat(text(refused))
                .contains("toolset metrics")
                .contains(ToolsetDiscovery.ENABLE_TOOLSET + " with toolset=\"metrics\"");
        assertThat(calls).hasValue(0);

        discovery.enable(McpTransportContext.EMPTY, Map.of("toolset", "metrics"));
        assertThat(text(guarded.callHandler()
                        .apply(
                                null,
                                CallToolRequest.builder(HIDDEN)
                                        .arguments(Map.of())
                                        .build())))
                .isEqualTo("ran");
        assertThat(calls).hasValue(1);
    }

    @Test
    void listToolsetsGivesOneLinePerToolsetWithCountsAndState() {
        discovery.enable(SESSION_A, Map.of("toolset", "metrics"));
        CallToolResult listed = discovery.list(SESSION_A);
        String[] lines = text(listed).split("\n");
        assertThat(lines).hasSize(Toolset.values().length + 1); // a header, then one line each
        for (Toolset set : Toolset.values()) {
            int count = ToolSelection.toolsOf(set).size();
            assertThat(lines)
                    .as(set.id())
                    .anySatisfy(line -> assertThat(line)
                            .startsWith(set.id() + ": " + set.summary())
                            .contains(" " + count + (count == 1 ? " tool, " : " tools, ")));
        }
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("metrics:").endsWith(", enabled"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("meta:").endsWith(", enabled"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("exports:").endsWith(" listed"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows =
                (List<Map<String, Object>>) structured(listed).get("toolsets");
        assertThat(rows).extracting(r -> r.get("id")).containsExactlyElementsOf(ToolSelection.toolsetIds());
        assertThat(rows)
                .filteredOn(r -> r.get("id").equals("metrics"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.get("enabled")).isEqualTo(true);
                    assertThat(r.get("tools")).isEqualTo(ToolSelection.toolsOf(Toolset.METRICS));
                });
        // session B did not enable metrics: only its default-set member is listed there
        long defaultMetrics = ToolSelection.toolsOf(Toolset.METRICS).stream()
                .filter(DefaultToolSet.names()::contains)
                .count();
        assertThat(text(discovery.list(SESSION_B)).split("\n"))
                .anySatisfy(l -> assertThat(l).startsWith("metrics:").endsWith(", " + defaultMetrics + " listed"));
    }

    @Test
    void badArgumentsAndToolsetsThisServerDoesNotServeAreClearErrors() {
        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of(),
                Map.<String, Object>of("toolset", "nonsense"),
                Map.<String, Object>of("toolset", 3),
                Map.<String, Object>of("toolset", "risk", "extra", true))) {
            CallToolResult result = discovery.enable(SESSION_A, bad);
            assertThat(result.isError()).as(bad.toString()).isTrue();
            assertThat(text(result)).contains("toolset, one of " + String.join(", ", ToolSelection.toolsetIds()));
        }
        ToolsetDiscovery positionsOnly =
                new ToolsetDiscovery(ToolSelection.parse("positions,meta"), notifications::incrementAndGet);
        CallToolResult notServed = positionsOnly.enable(SESSION_A, Map.of("toolset", "risk"));
        assertThat(notServed.isError()).isTrue();
        assertThat(text(notServed)).contains("risk is not served").contains("--tools");
        assertThat(notifications).hasValue(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }
}
