package dev.hypertracker.mcp.tools;

import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.catalog.Pagination;
import dev.hypertracker.mcp.catalog.Param;
import dev.hypertracker.mcp.digest.Summarizer;
import dev.hypertracker.mcp.validation.ArgumentValidator;
import dev.hypertracker.mcp.validation.ToolArguments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** JSON Schemas (2020-12) of tool inputs, derived from the endpoint catalog. */
public final class ToolSchemas {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ToolSchemas() {}

    /**
     * The output schema as listed in tools/list: the digest kind's own top-level fields with their types. The
     * full, nested schema is in docs/digest.md and checked by the digest tests; every result may also carry kind,
     * detail, omitted, synthetic (demo data), cached and resourceUri. Tool definitions cost tokens in every
     * conversation, so nesting and the shared envelope are left out here.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> outputSchema(Endpoint endpoint) {
        Map<String, Object> full = JSON.readValue(Summarizer.outputSchema(endpoint.digest()), LinkedHashMap.class);
        Map<String, Object> properties = new LinkedHashMap<>();
        ((Map<String, Object>) full.getOrDefault("properties", Map.of())).forEach((name, spec) -> {
            if (listed(endpoint, name)) properties.put(name, topLevelOnly((Map<String, Object>) spec));
        });
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        return schema;
    }

    /**
     * Fields not worth their tokens in tools/list: what only detail=rows/raw or another pagination style
     * produces, and the envelope every result has. They may still appear in structuredContent.
     */
    private static final Set<String> UNLISTED_FIELDS =
            Set.of("fields", "rows", "rowsTotal", "envelope", "raw", "kind", "detail", "omitted");

    private static final Set<String> CURSOR_FIELDS =
            Set.of("rowsScanned", "pagesFetched", "complete", "nextCursor", "incompleteNote");
    private static final Set<String> OFFSET_FIELDS = Set.of("offset", "nextOffset", "totalCount");

    private static boolean listed(Endpoint endpoint, String field) {
        if (UNLISTED_FIELDS.contains(field)) return false;
        if (OFFSET_FIELDS.contains(field)) return endpoint.pagination() == Pagination.OFFSET;
        if (CURSOR_FIELDS.contains(field))
            return endpoint.pagination() == Pagination.CURSOR || field.equals("rowsScanned");
        return true;
    }

    private static Map<String, Object> topLevelOnly(Map<String, Object> spec) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : List.of("type", "enum", "const")) if (spec.containsKey(key)) out.put(key, spec.get(key));
        return out;
    }

    /** The input schema: the API's parameters first, then the server-side tool arguments. */
    public static Map<String, Object> inputSchema(Endpoint endpoint) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Param p : endpoint.params()) {
            properties.put(p.name(), ArgumentValidator.schema(p));
            if (p.required()) required.add(p.name());
        }
        for (Param p : ToolArguments.forEndpoint(endpoint)) properties.put(p.name(), ArgumentValidator.schema(p));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) schema.put("required", required);
        Map<String, Object> dependentRequired = new LinkedHashMap<>();
        for (Param p : endpoint.params())
            for (String other : p.requiredWith()) dependentRequired.put(other, List.of(p.name()));
        if (!dependentRequired.isEmpty()) schema.put("dependentRequired", dependentRequired);
        schema.put("additionalProperties", false);
        return schema;
    }
}
