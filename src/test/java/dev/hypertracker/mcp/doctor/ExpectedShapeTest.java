package dev.hypertracker.mcp.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.files.StreamedFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every endpoint doctor --probe requests has the shape it is checked against, and no shape is stale. */
class ExpectedShapeTest {

    @Test
    void everyProbeableEndpointHasAnExpectedShape() {
        List<String> without = Catalog.endpoints().stream()
                .filter(Doctor::probeable)
                // a streamed file is checked by the reader the client uses (its columns), not by a row shape
                .filter(e -> StreamedFiles.readerFor(e).isEmpty())
                .map(Endpoint::tool)
                .filter(tool -> !ExpectedShape.BY_TOOL.containsKey(tool))
                .toList();
        assertThat(without).as("probeable endpoints without an expected shape").isEmpty();
    }

    @Test
    void everyShapeBelongsToACatalogTool() {
        List<String> tools = Catalog.endpoints().stream().map(Endpoint::tool).toList();
        assertThat(tools).containsAll(ExpectedShape.BY_TOOL.keySet());
    }

    @Test
    void everyShapeNeedsSomething() {
        ExpectedShape.BY_TOOL.forEach((tool, shape) -> assertThat(
                        shape.bodyType() != null || shape.fields().stream().anyMatch(ExpectedShape.Field::needed))
                .as(tool)
                .isTrue());
    }
}
