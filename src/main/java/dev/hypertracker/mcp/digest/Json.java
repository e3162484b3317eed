package dev.hypertracker.mcp.digest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the digest package and tolerant field access: a missing or odd field is never fatal. */
public final class Json {

    /** The fast double parser matters when a million rows carry a dozen numbers each. */
    static final ObjectMapper MAPPER = JsonMapper.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    private Json() {}

    /** The field as a double: numbers as they are, numeric strings parsed, anything else (missing, null, text) NaN. */
    public static double num(JsonNode row, String field) {
        JsonNode n = row.get(field);
        if (n == null) return Double.NaN;
        if (n.isNumber()) return n.doubleValue();
        if (n.isString()) {
            try {
                return Double.parseDouble(n.stringValue());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** The field as a double, or 0 when it is not a number: the neutral value for sums. */
    static double numOrZero(JsonNode row, String field) {
        double v = num(row, field);
        return Double.isNaN(v) ? 0 : v;
    }

    /** The field as text (scalars as written, containers as JSON), or null when missing or null. */
    static String str(JsonNode row, String field) {
        JsonNode n = row.get(field);
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        return n.isValueNode() ? n.asString() : n.toString();
    }

    static boolean isNullOrMissing(JsonNode row, String field) {
        JsonNode n = row.get(field);
        return n == null || n.isNull();
    }

    /** The first of the fields present in the row, or null. */
    static String firstPresent(JsonNode row, String... fields) {
        for (String f : fields) {
            if (!isNullOrMissing(row, f)) return f;
        }
        return null;
    }

    /**
     * A timestamp field as epoch millis: ISO 8601 text, or a number of epoch millis (or seconds when small, as
     * some exports write them). Long.MIN_VALUE when absent or unreadable.
     */
    public static long epochMillis(JsonNode n) {
        if (n == null || n.isNull()) return Long.MIN_VALUE;
        if (n.isNumber()) {
            long v = n.longValue();
            return Math.abs(v) < 100_000_000_000L ? v * 1000 : v;
        }
        if (n.isString()) {
            try {
                return Instant.parse(n.stringValue()).toEpochMilli();
            } catch (DateTimeParseException e) {
                return Long.MIN_VALUE;
            }
        }
        return Long.MIN_VALUE;
    }

    /** A JSON object from name/value pairs in order, leaving out null values (they cost tokens and say nothing). */
    static Map<String, Object> obj(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    static String toJson(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
