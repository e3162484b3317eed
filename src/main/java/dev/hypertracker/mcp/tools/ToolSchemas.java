package dev.hypertracker.mcp.tools;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.catalog.Param;
import dev.hypertracker.mcp.catalog.SizeBucket;
import dev.hypertracker.mcp.digest.Summarizer;
import dev.hypertracker.mcp.validation.ToolArguments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** JSON Schemas (2020-12) of tool inputs, derived from the endpoint catalog. */
public final class ToolSchemas {
    static final String COIN_PATTERN = "^(?:[a-z0-9]{1,16}:)?[A-Za-z0-9]{1,24}$";
    static final String ADDRESS_PATTERN = "^0x[0-9a-fA-F]{40}$";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ToolSchemas() {}

    /**
     * The output schema: the digest kind's schema plus the fields every tool result may add (synthetic in demo
     * mode, cached when served from the response cache, resourceUri of the stored full data).
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> outputSchema(Endpoint endpoint) {
        Map<String, Object> schema = JSON.readValue(Summarizer.outputSchema(endpoint.digest()), LinkedHashMap.class);
        Map<String, Object> properties = (Map<String, Object>) schema.computeIfAbsent("properties", k -> new LinkedHashMap<>());
        properties.put("synthetic", Map.of("type", "boolean", "description", "true: demo data from the sandbox"));
        properties.put("cached", Map.of("type", "boolean", "description", "true: served from this server's cache"));
        properties.put("resourceUri", Map.of("type", "string", "description", "MCP resource holding the full data"));
        return schema;
    }

    /** The input schema: the API's parameters first, then the server-side tool arguments. */
    public static Map<String, Object> inputSchema(Endpoint endpoint) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Param p : endpoint.params()) {
            properties.put(p.name(), property(p));
            if (p.required()) required.add(p.name());
        }
        for (Param p : ToolArguments.forEndpoint(endpoint)) properties.put(p.name(), property(p));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    static Map<String, Object> property(Param p) {
        Map<String, Object> s = new LinkedHashMap<>();
        switch (p.kind()) {
            case COIN -> {
                s.put("type", "string");
                s.put("pattern", COIN_PATTERN);
            }
            case ADDRESS_LIST -> {
                s.put("type", List.of("string", "array"));
                s.put("pattern", ADDRESS_PATTERN);
                s.put("items", Map.of("type", "string", "pattern", ADDRESS_PATTERN));
                s.put("minItems", 1);
                s.put("maxItems", 50);
            }
            case DATETIME -> {
                s.put("type", "string");
                s.put("format", "date-time");
            }
            case BOOLEAN -> s.put("type", "boolean");
            case INTEGER -> {
                s.put("type", "integer");
                s.put("minimum", p.min());
                s.put("maximum", p.max());
            }
            case COHORT -> {
                s.put("type", List.of("integer", "string"));
                s.put("minimum", Cohort.MIN_ID);
                s.put("maximum", Cohort.MAX_ID);
            }
            case SIZE_BUCKET -> {
                s.put("type", List.of("integer", "string"));
                s.put("minimum", SizeBucket.MIN_ID);
                s.put("maximum", SizeBucket.MAX_ID);
            }
            case ENUM -> {
                s.put("type", "string");
                s.put("enum", p.choices());
            }
            case CURSOR -> {
                s.put("type", "string");
                s.put("maxLength", 2048);
            }
            case FIELD_LIST -> {
                s.put("type", "array");
                s.put("items", Map.of("type", "string"));
                s.put("maxItems", ToolArguments.MAX_FIELDS);
            }
        }
        if (p.defaultValue() != null) s.put("default", p.defaultValue());
        s.put("description", p.description());
        return s;
    }
}
