package dev.hypertracker.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypertracker.mcp.config.Secret;
import dev.hypertracker.mcp.config.Settings;
import dev.hypertracker.mcp.tools.ToolManifest;
import dev.hypertracker.mcp.tools.ToolSelection;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SDK's start-time check, moved to build time: every tool's input and output schema conforms to the JSON Schema
 * meta-schema, checked with the SDK's own validator. {@link LazySchemaValidator} skips it on start for a fast cold
 * start; this test is why that is safe.
 */
class ToolSchemaConformanceTest {
    @Test
    void everyToolSchemaConformsToTheMetaSchema() {
        JsonSchemaValidator sdk = McpJsonDefaults.getSchemaValidator();
        List<SyncToolSpecification> tools = new HyperTrackerServer(
                        Settings.defaults(URI.create("http://127.0.0.1:9"), Secret.of(null)),
                        ToolSelection.all(),
                        Clock.systemUTC())
                .tools();
        assertThat(tools).hasSize(ToolManifest.definitions().size());
        for (SyncToolSpecification spec : tools) {
            sdk.assertConforms(
                    "Tool '" + spec.tool().name() + "' inputSchema", spec.tool().inputSchema());
            sdk.assertConforms(
                    "Tool '" + spec.tool().name() + "' outputSchema",
                    spec.tool().outputSchema());
        }
    }

    @Test
    void theSdkValidatorRejectsABrokenSchema() {
        // proves the check above can fail: a schema with a wrongly typed keyword
        assertThatThrownBy(() -> McpJsonDefaults.getSchemaValidator().assertConforms("broken", Map.of("type", 5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLazyValidatorStillValidatesStructuredContent() {
        JsonSchemaValidator lazy = new LazySchemaValidator();
        Map<String, Object> schema = Map.of(
                "type", "object", "required", List.of("n"), "properties", Map.of("n", Map.of("type", "integer")));
        assertThat(lazy.validate(schema, Map.of("n", 1)).valid()).isTrue();
        assertThat(lazy.validate(schema, Map.of("n", "x")).valid()).isFalse();
    }
}
