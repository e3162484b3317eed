package dev.hypertracker.mcp.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.catalog.DigestKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The output schema says exactly what a digest emits: per kind, the schema's properties (at every nesting level) are the
 * very keys the kind's summaries write on the largest inputs, no more and no fewer. The schema itself allows unknown
 * fields (so clients survive a digest that grows), which is why validation alone would not see a renamed field.
 */
class OutputSchemaKeysTest {

    /** Summaries of every endpoint of the kind with the options that bring out every field. */
    private static List<Map<String, Object>> summaries(DigestKind kind) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Fixtures.Case c : Fixtures.largestInputs()) {
            if (c.kind() != kind) continue;
            // the arguments a digest repeats (coin, cohort) as the validator echoes them
            Map<String, Object> echo = new LinkedHashMap<>();
            c.endpoint().param("coin").ifPresent(p -> echo.put("coin", "BTC"));
            c.endpoint().param("segmentId").ifPresent(p -> echo.put("segmentId", 9));
            // issue 15: the enum arguments a digest names (orderBy, period …) and a one-day route's window
            c.endpoint().params().stream()
                    .filter(p -> p.kind() == dev.hypertracker.mcp.catalog.ParamKind.ENUM)
                    .forEach(p -> echo.putIfAbsent(p.name(), p.choices().get(0)));
            if (c.endpoint().window() != dev.hypertracker.mcp.catalog.WindowRule.ANY) {
                echo.put("start", "2026-03-01T00:00:00.000Z");
                echo.put("end", "2026-03-01T23:59:59.999Z");
            }
            // heatmap focus (a server-side argument) brings out its focus rows
            if (kind == DigestKind.HEATMAP) echo.put("coin", List.of("BTC"));
            List<String> sortings = new ArrayList<>();
            sortings.add(null);
            if (kind.traits().takesSortBy()) sortings.add("pnl");
            List<Map<String, Object>> echoes = new ArrayList<>();
            echoes.add(echo);
            if (kind == DigestKind.POSITIONS) {
                // list_positions' close-time filter (a server-side argument) brings out closeFilter
                Map<String, Object> filtered = new LinkedHashMap<>(echo);
                filtered.put("closedSince", "2025-01-01T00:00:00.000Z");
                filtered.put("closedBefore", "2030-01-01T00:00:00.000Z");
                echoes.add(filtered);
            }
            for (String sortBy : sortings) {
                for (Map<String, Object> asked : echoes) {
                    DigestOptions options = new DigestOptions(
                            Detail.SUMMARY,
                            List.of(),
                            DigestOptions.DEFAULT_MAX_ROWS,
                            DigestOptions.MAX_MAX_TOKENS,
                            10,
                            sortBy,
                            asked);
                    out.add(asJson(Fixtures.digest(c, options).structured()));
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(DigestKind.class)
    void theSchemaOfAKindNamesExactlyTheKeysItsSummaryEmits(DigestKind kind) {
        List<Map<String, Object>> summaries = summaries(kind);
        assertThat(summaries).as("a fixture for %s", kind).isNotEmpty();
        Set<String> envelope = envelopeFields(kind);
        List<Object> ownFields = new ArrayList<>();
        for (Map<String, Object> s : summaries) {
            Map<String, Object> own = new LinkedHashMap<>(s);
            own.keySet().removeAll(envelope);
            ownFields.add(own);
        }
        ObjectNode kindSchema = Json.MAPPER.createObjectNode().put("type", "object");
        kindSchema.set("properties", OutputSchemas.kindProperties(kind));
        List<String> mismatches = new ArrayList<>();
        compare(kind.name(), kindSchema, ownFields, mismatches);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theEnvelopeNamesExactlyWhatEveryResultShares() {
        Set<String> emitted = new TreeSet<>();
        Paging stoppedEarly = new Paging(2, false, "abc", "the call's deadline passed");
        for (Fixtures.Case c : Fixtures.largestInputs()) {
            for (Detail detail : Detail.values()) {
                Digest d = Fixtures.SUMMARIZER.summarize(
                        c.endpoint(),
                        c.pages(),
                        Fixtures.options(detail, DigestOptions.MAX_MAX_TOKENS, 10),
                        stoppedEarly);
                Map<String, Object> keys = new LinkedHashMap<>(d.structured());
                if (detail == Detail.SUMMARY)
                    keys.keySet().removeAll(fieldNames(OutputSchemas.kindProperties(c.kind())));
                emitted.addAll(keys.keySet());
            }
        }
        assertThat(emitted).isEqualTo(new TreeSet<>(envelopeFields(DigestKind.POSITIONS)));
    }

    /** The schema's top-level properties that are not the kind's own: the same for every kind. */
    private static Set<String> envelopeFields(DigestKind kind) {
        JsonNode schema = Json.MAPPER.readTree(Summarizer.outputSchema(kind));
        Set<String> all = fieldNames(schema.get("properties"));
        all.removeAll(fieldNames(OutputSchemas.kindProperties(kind)));
        return all;
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    /**
     * Walks the schema and the emitted values together: an object schema's properties must equal the union of the keys
     * of the objects emitted there; arrays and maps (additionalProperties) are followed into their items.
     */
    @SuppressWarnings("unchecked")
    private static void compare(String path, JsonNode schema, List<Object> values, List<String> mismatches) {
        if (schema.has("properties")) {
            Set<String> declared = fieldNames(schema.get("properties"));
            Set<String> emitted = new TreeSet<>();
            Map<String, List<Object>> children = new LinkedHashMap<>();
            for (Object v : values) {
                if (!(v instanceof Map<?, ?> m)) continue;
                ((Map<String, Object>) m).forEach((k, child) -> {
                    emitted.add(k);
                    children.computeIfAbsent(k, x -> new ArrayList<>()).add(child);
                });
            }
            if (!declared.equals(emitted)) {
                Set<String> onlyInSchema = new TreeSet<>(declared);
                onlyInSchema.removeAll(emitted);
                Set<String> onlyEmitted = new TreeSet<>(emitted);
                onlyEmitted.removeAll(declared);
                mismatches.add(path + ": in the schema only " + onlyInSchema + ", emitted only " + onlyEmitted);
            }
            children.forEach((k, vs) -> {
                if (declared.contains(k))
                    compare(path + "." + k, schema.get("properties").get(k), vs, mismatches);
            });
        }
        if (schema.has("additionalProperties")
                && schema.get("additionalProperties").isObject()) {
            List<Object> entries = new ArrayList<>();
            for (Object v : values) if (v instanceof Map<?, ?> m) entries.addAll(m.values());
            compare(path + ".*", schema.get("additionalProperties"), entries, mismatches);
        }
        if (schema.has("items")) {
            List<Object> items = new ArrayList<>();
            for (Object v : values) if (v instanceof List<?> l) items.addAll(l);
            compare(path + "[]", schema.get("items"), items, mismatches);
        }
    }

    /** As a client sees structuredContent: through JSON. */
    private static Map<String, Object> asJson(Map<String, Object> structured) {
        return SampleData.MAPPER.readValue(Json.toJson(structured), new TypeReference<Map<String, Object>>() {});
    }
}
