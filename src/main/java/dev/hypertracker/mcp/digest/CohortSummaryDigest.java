package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.catalog.Cohort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * get_cohort_summary: the summary file of one cohort, its two parts under the API's own names (openPerpsSummary for
 * the open perp positions, filtered by positionAge; summary for the cohort as a whole), every figure as given.
 */
final class CohortSummaryDigest implements KindDigest {

    static final List<String> PARTS = List.of("openPerpsSummary", "summary");

    private final String positionAge;
    private JsonNode body;

    CohortSummaryDigest(DigestOptions options) {
        this.positionAge = options.echo().get("positionAge") instanceof String s ? s : "all";
    }

    @Override
    public void accept(JsonNode row) {
        body = row;
    }

    @Override
    public Report finish() {
        Map<String, Object> fields = new LinkedHashMap<>();
        JsonNode segment = body == null ? null : body.get("segment");
        Integer id = segmentId(segment);
        String name = segment != null && segment.isObject() ? Json.str(segment, "name") : null;
        String cohort =
                name != null ? name + (id == null ? "" : " (#" + id + ")") : id == null ? null : Cohort.labelOf(id);
        fields.put("segmentId", id);
        fields.put("cohort", cohort);
        fields.put("positionAge", positionAge);
        StringBuilder text = new StringBuilder(cohort == null ? "Cohort ?" : cohort)
                .append(", positionAge ")
                .append(positionAge)
                .append(" (the API's figures, as given).");
        for (String part : PARTS) {
            JsonNode node = body == null ? null : body.get(part);
            if (node == null || !node.isObject()) continue;
            Map<String, Object> values = values(node);
            fields.put(part, values);
            text.append('\n').append(part).append(": ").append(line(values));
        }
        fields.values().removeIf(java.util.Objects::isNull); // absent in the file: left out, not null
        return new Report(List.of(new Section.Fields(fields, text.toString())), List.of(), "nothing to narrow");
    }

    /** An id from {"id":3,…} or a bare 3; null when there is none. */
    static Integer segmentId(JsonNode segment) {
        if (segment == null) return null;
        JsonNode id = segment.isObject() ? segment.get("id") : segment;
        double v = id == null ? Double.NaN : Json.number("segment.id", id);
        return Double.isNaN(v) ? null : (int) v;
    }

    /**
     * An object's fields as given: numbers (numeric text read as numbers), text, and nested objects the same way
     * (bySide). Lists are left out here; the full file is in the stored result.
     */
    static Map<String, Object> values(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        node.forEachEntry((name, value) -> {
            if (value.isObject()) {
                out.put(name, values(value));
            } else if (value.isNumber()) {
                out.put(name, asGiven(Json.number(name, value)));
            } else if (value.isString()) {
                double v = numeric(value.stringValue()) ? Json.number(name, value) : Double.NaN;
                out.put(name, Double.isNaN(v) ? value.stringValue() : asGiven(v));
            } else if (value.isBoolean()) {
                out.put(name, value.booleanValue());
            }
        });
        return out;
    }

    /** "a 1, b 2, bySide {long: count 3, …}": the values as written, nothing rounded. */
    static String line(Map<String, Object> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> {
            if (sb.length() > 0) sb.append(", ");
            sb.append(k).append(' ');
            if (v instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) m;
                sb.append('{').append(line(nested)).append('}');
            } else {
                sb.append(v instanceof Number n ? plain(n.doubleValue()) : v);
            }
        });
        return sb.toString();
    }

    private static boolean numeric(String text) {
        try {
            new java.math.BigDecimal(text.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * A figure as the API wrote it: a count stays a whole number (49, not 49.0), a decimal keeps its digits without an
     * exponent (77135032.458, not 7.7135032458E7: fewer tokens, same value); null when not finite.
     */
    static Number asGiven(double v) {
        if (!Double.isFinite(v)) return null;
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return (long) v;
        return java.math.BigDecimal.valueOf(v);
    }

    /** 1234567.89 rather than 1.23456789E6. */
    static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
