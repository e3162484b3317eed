package dev.hypertracker.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypertracker.mcp.catalog.Toolset;
import dev.hypertracker.mcp.config.ConfigurationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ToolSelectionTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    void aToolsetSelectsExactlyTheToolsTheManifestFilesUnderIt() {
        Map<String, String> toolsetByTool = new LinkedHashMap<>();
        ToolManifest.snapshots()
                .forEach((tool, json) -> toolsetByTool.put(
                        tool, JSON.readTree(json).path("toolset").asString()));
        for (Toolset set : Toolset.values()) {
            List<String> expected = toolsetByTool.entrySet().stream()
                    .filter(e -> e.getValue().equals(set.id()))
                    .map(Map.Entry::getKey)
                    .toList();
            assertThat(ToolSelection.toolsOf(set)).as(set.id()).containsExactlyElementsOf(expected);
            // an empty toolset adds nothing and does not break the rest of the list
            Set<String> chosen =
                    ToolSelection.parse(set.id() + ",get_data_freshness").names();
            Set<String> union = new LinkedHashSet<>(expected);
            union.add("get_data_freshness");
            assertThat(chosen).as(set.id()).containsExactlyInAnyOrderElementsOf(union);
        }
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
