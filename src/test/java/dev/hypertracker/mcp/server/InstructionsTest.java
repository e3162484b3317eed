package dev.hypertracker.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.catalog.Param;
import dev.hypertracker.mcp.catalog.Toolset;
import dev.hypertracker.mcp.digest.ExactTokens;
import dev.hypertracker.mcp.tools.ToolManifest;
import dev.hypertracker.mcp.validation.ToolArguments;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The server instructions, as the prompts' test does for prompts: they name only real tools, arguments and cohorts,
 * every data tool is pointed to, and they stay short (a client puts them into every conversation).
 */
class InstructionsTest {
    static final Pattern TOOL_WORD = Pattern.compile("\\b(?:get|list|export)_[a-z_]+");
    /** "export_position_breakdown_by_cohort / _by_size": the second tool written as a suffix of the first. */
    static final Pattern SUFFIX_SHORTHAND =
            Pattern.compile("\\b((?:get|list|export)_[a-z_]+?)(_by_[a-z]+) / (_by_[a-z]+)\\b");

    static final int MAX_TOKENS = 600;

    static Set<String> toolsNamed(String text) {
        Set<String> named = new LinkedHashSet<>();
        Matcher m = TOOL_WORD.matcher(text);
        while (m.find()) named.add(m.group());
        Matcher shorthand = SUFFIX_SHORTHAND.matcher(text);
        while (shorthand.find()) named.add(shorthand.group(1) + shorthand.group(3));
        return named;
    }

    @Test
    void theyNameOnlyRealToolsAndEveryDataTool() {
        List<String> tools = ToolManifest.definitions().stream().map(Tool::name).toList();
        Set<String> named = toolsNamed(Instructions.TEXT);
        assertThat(tools).as("tools the instructions name").containsAll(named);
        List<String> dataTools = Catalog.endpoints().stream()
                .filter(e -> e.toolset() != Toolset.META)
                .map(Endpoint::tool)
                .toList();
        assertThat(named).as("every data tool has its line in the instructions").containsAll(dataTools);
    }

    @Test
    void theArgumentsTheyMentionExistWithTheStatedDefaults() {
        Set<String> arguments = new LinkedHashSet<>();
        for (Endpoint e : Catalog.endpoints()) {
            e.params().forEach(p -> arguments.add(p.name()));
            ToolArguments.forEndpoint(e).forEach(p -> arguments.add(p.name()));
        }
        assertThat(arguments).contains("detail", "maxPages", "nextCursor");
        assertThat(Instructions.TEXT).contains("detail=\"rows\"").contains("maxPages defaults to 1");
        Param maxPages = ToolArguments.forEndpoint(Catalog.LIST_POSITIONS).stream()
                .filter(p -> p.name().equals(ToolArguments.MAX_PAGES))
                .findFirst()
                .orElseThrow();
        assertThat(maxPages.defaultValue()).isEqualTo(1);
        assertThat(Catalog.LIST_POSITIONS.param("detail")).isEmpty(); // a tool argument, not the API's
    }

    @Test
    void theCohortRangesTheyQuoteAreTheAxesEnds() {
        // "one SIZE cohort (Shrimp..Leviathan) AND one PNL cohort (Money Printer..Giga-Rekt)"
        assertThat(Instructions.TEXT)
                .contains(range(Cohort.Axis.SIZE, Comparator.comparingDouble(Cohort::min)))
                .contains(range(
                        Cohort.Axis.PNL,
                        Comparator.comparingDouble((Cohort c) -> c.min()).reversed()));
        assertThat(Cohort.byName("Smart Money")).isPresent(); // the example of a named cohort
    }

    private static String range(Cohort.Axis axis, Comparator<Cohort> order) {
        List<Cohort> sorted = java.util.Arrays.stream(Cohort.values())
                .filter(c -> c.axis() == axis)
                .sorted(order)
                .toList();
        return axis.name() + " cohort (" + sorted.get(0).displayName() + ".."
                + sorted.get(sorted.size() - 1).displayName() + ")";
    }

    @Test
    void theDemoWarningIsThereExactlyInDemoMode() {
        assertThat(Instructions.forServer(true))
                .startsWith(Instructions.TEXT)
                .endsWith(Instructions.DEMO)
                .contains("synthetic");
        assertThat(Instructions.forServer(false)).isEqualTo(Instructions.TEXT).doesNotContain("synthetic");
    }

    @Test
    void theyStayShort() {
        assertThat(ExactTokens.count(Instructions.forServer(true))).isLessThan(MAX_TOKENS);
    }

    @Test
    void theBriefsComeFirstAndTheTwoDataFamiliesAreExplained() {
        String text = Instructions.TEXT;
        for (String brief : dev.hypertracker.mcp.briefs.Briefs.names()) {
            assertThat(text).contains(brief);
            assertThat(text.indexOf(brief)).isLessThan(text.indexOf("get_positions_heatmap"));
        }
        assertThat(text)
                .contains("snapshot of open positions now")
                .contains("metric series")
                .contains("Their totals differ")
                .contains("counts BOTH sides");
    }
}
