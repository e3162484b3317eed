package dev.hypertracker.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.catalog.Toolset;
import dev.hypertracker.mcp.config.ConfigurationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolSelectionTest {
    @Test
    void allServesAndListsEveryTool() {
        ToolSelection all = ToolSelection.parse("all");
        assertThat(all.names())
                .containsExactlyElementsOf(
                        ToolManifest.definitions().stream().map(t -> t.name()).toList());
        assertThat(all.listedAtStartNames()).isEqualTo(all.names());
    }

    @Test
    void toolsetsAndToolNamesMixInToolListOrder() {
        ToolSelection chosen = ToolSelection.parse("list_cohorts, RISK");
        List<String> expected = new ArrayList<>(ToolSelection.toolsOf(Toolset.RISK));
        expected.add("list_cohorts");
        assertThat(chosen.names()).containsExactlyInAnyOrderElementsOf(expected);
        // in the inventory's order, whatever the order of the words
        assertThat(List.copyOf(chosen.names()))
                .isEqualTo(ToolSelection.inventory().keySet().stream()
                        .filter(expected::contains)
                        .toList());
        assertThat(chosen.listedAtStartNames()).isEqualTo(chosen.names());
    }

    @Test
    void aToolsetSelectsExactlyItsTools() {
        for (Toolset set : Toolset.values()) {
            List<String> expected = new ArrayList<>(Catalog.endpoints().stream()
                    .filter(e -> e.toolset() == set)
                    .map(Endpoint::tool)
                    .toList());
            if (set == Toolset.META) {
                expected.addAll(List.of(
                        ServerStatusTool.NAME, ToolsetDiscovery.LIST_TOOLSETS, ToolsetDiscovery.ENABLE_TOOLSET));
            }
            // an empty toolset adds nothing and does not break the rest of the list
            ToolSelection chosen = ToolSelection.parse(set.id() + ",get_data_freshness");
            assertThat(chosen.names())
                    .as(set.id())
                    .containsAll(expected)
                    .contains("get_data_freshness")
                    .hasSize(expected.size() + (expected.contains("get_data_freshness") ? 0 : 1));
        }
    }

    @Test
    void anEmptyToolsetAloneIsAClearError() {
        List<Toolset> empty = Arrays.stream(Toolset.values())
                .filter(t -> ToolSelection.toolsOf(t).isEmpty())
                .toList();
        assumeThat(empty).as("every toolset has tools in this build").isNotEmpty();
        assertThatThrownBy(() -> ToolSelection.parse(empty.get(0).id()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("selects no tool");
    }

    @Test
    void anUnknownWordListsEveryToolsetFromTheEnum() {
        assertThatThrownBy(() -> ToolSelection.parse("positions,nonsense"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("\"nonsense\" is neither a tool nor a toolset")
                .hasMessageContaining("Toolsets: all, " + String.join(", ", ToolSelection.toolsetIds()) + ".")
                .hasMessageContaining("list_positions");
        assertThat(ToolSelection.toolsetIds())
                .containsExactlyElementsOf(
                        Arrays.stream(Toolset.values()).map(Toolset::id).toList());
    }

    @Test
    void noFlagMeansTheDefaultSetAndABlankFlagToo() {
        for (String spec : new String[] {null, "", "  "}) {
            ToolSelection selection = ToolSelection.parse(spec);
            assertThat(selection.listedAtStartNames()).containsExactlyElementsOf(DefaultToolSet.names());
            assertThat(selection.names())
                    .containsExactlyElementsOf(ToolSelection.inventory().keySet());
        }
    }

    @Test
    void theInventoryHasEveryManifestToolOnce() {
        assertThat(List.copyOf(ToolSelection.inventory().keySet()))
                .containsExactlyElementsOf(
                        ToolManifest.definitions().stream().map(t -> t.name()).toList());
    }
}
