package dev.hypertracker.mcp.server;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;

/**
 * The SDK's JSON Schema validator, created on first use, for a fast cold start.
 *
 * <p>When a server is built, the SDK creates its default validator (networknt json-schema: ~250 classes plus the
 * draft 2020-12 meta-schema) and checks every tool's input and output schema against the meta-schema
 * ({@code assertConforms}, 34 validations for 17 tools): about a third of a second of a cold start, before the
 * {@code initialize} answer. Our schemas are generated from the catalog and are the same on every start, so that
 * check runs in the test suite instead ({@code ToolSchemaConformanceTest}, with the SDK's own validator) and is a
 * no-op here. The validator itself is still needed to check a tool's structuredContent against its output schema:
 * the first tool call builds it.
 */
final class LazySchemaValidator implements JsonSchemaValidator {
    private volatile JsonSchemaValidator delegate;

    private JsonSchemaValidator delegate() {
        JsonSchemaValidator d = delegate;
        if (d == null) {
            synchronized (this) {
                d = delegate;
                if (d == null) delegate = d = McpJsonDefaults.getSchemaValidator();
            }
        }
        return d;
    }

    /** Start-time meta-schema check of the tool schemas: done by the test suite, see the class comment. */
    @Override
    public void assertConforms(String what, Map<String, Object> schema) {}

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        return delegate().validate(schema, structuredContent);
    }

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        return delegate().validateSchema(schema);
    }
}
