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
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private Json() {}

    /**
     * Beyond this magnitude a figure is no market's (all crypto is worth ~10^13 dollars) and a double no longer
     * holds cents exactly: the body is wrong, not the market.
     */
    static final double MAX_MAGNITUDE = 1e15;

    /**
     * The field as a double: numbers as they are, numeric strings ("30500.12") parsed; missing or null is NaN. A
     * value that is there but cannot be read (other text, a list, an object) is NaN and counted in the run's
     * {@link UnreadableValues}; a non-finite or out-of-range number is an {@link UpstreamBodyException}.
     */
    public static double num(JsonNode row, String field) {
        return number(field, row.get(field));
    }

    static double number(String field, JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return Double.NaN;
        if (n.isNumber()) return inRange(field, n.doubleValue(), n.toString());
        if (n.isString()) return parse(field, n.stringValue());
        UnreadableValues.count(field, n.toString());
        return Double.NaN;
    }

    /** Numeric text as the API writes numbers (no NaN, Infinity or hex); anything else counted as unreadable. */
    static double parse(String field, String text) {
        double v;
        try {
            v = new java.math.BigDecimal(text.trim()).doubleValue();
        } catch (NumberFormatException e) {
            UnreadableValues.count(field, '"' + text + '"');
            return Double.NaN;
        }
        return inRange(field, v, text);
    }

    static double inRange(String field, double v, String raw) {
        if (!Double.isFinite(v) || Math.abs(v) > MAX_MAGNITUDE) {
            String shown = raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
            throw new UpstreamBodyException(
                    "field " + field + " holds " + shown + ", a number out of range (beyond 10^15)");
        }
        return v;
    }

    /**
     * A number or numeric string as an exact decimal (prices, sizes and the PnL leaderboard's figures arrive as
     * strings), null when missing or not one.
     */
    static java.math.BigDecimal decimal(JsonNode n) {
        if (n == null) return null;
        if (n.isNumber()) return n.decimalValue();
        if (!n.isString()) return null;
        try {
            return new java.math.BigDecimal(n.stringValue().trim());
        } catch (NumberFormatException e) {
            return null;
        }
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
        if (n.isString()) return epochMillis(n.stringValue());
        return Long.MIN_VALUE;
    }

    /** ISO 8601 text as epoch millis; Long.MIN_VALUE when it is not one. */
    static long epochMillis(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
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
