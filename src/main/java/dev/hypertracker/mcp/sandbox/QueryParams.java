package dev.hypertracker.mcp.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A request's query parameters (keys may repeat) and the API's rules for reading them. Every rule
 * violation is a 400 in the API's validation format, worded as class-validator words it.
 */
final class QueryParams {

    private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");
    /** The timeframes openedWithin and positionRecencyTimeframe accept, in seconds (0 = all). */
    private static final Map<String, Integer> TIMEFRAMES =
            Map.of("24h", 86_400, "7d", 7 * 86_400, "30d", 30 * 86_400, "all", 0);

    private final Map<String, List<String>> values;

    private QueryParams(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Parses a raw query string ("a=1&a=2&b"), decoding percent escapes; keeps key order. */
    static QueryParams parse(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        values.replaceAll((k, v) -> List.copyOf(v));
        return new QueryParams(Collections.unmodifiableMap(values));
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    Map<String, List<String>> asMap() {
        return values;
    }

    Optional<String> first(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** A required ISO 8601 time: 400 when missing or not ISO 8601 (epoch millis included). */
    Instant requiredTime(String name) {
        String raw = first(name)
                .orElseThrow(() -> ApiError.badRequest(name, name + " should not be empty", isoMessage(name)));
        return parseTime(name, raw);
    }

    Optional<Instant> time(String name) {
        return first(name).map(raw -> parseTime(name, raw));
    }

    private static Instant parseTime(String name, String raw) {
        return parseIso8601(raw).orElseThrow(() -> ApiError.badRequest(name, isoMessage(name)));
    }

    private static String isoMessage(String name) {
        return name + " must be a valid ISO 8601 date string";
    }

    /** ISO 8601 date or date-time; a time without offset is UTC. Digits alone (epoch millis) are not ISO 8601. */
    static Optional<Instant> parseIso8601(String raw) {
        try {
            if (DATE_ONLY.matcher(raw).matches())
                return Optional.of(
                        LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant());
            if (raw.endsWith("Z") || raw.matches(".*[+-]\\d{2}:?\\d{2}$"))
                return Optional.of(OffsetDateTime.parse(raw).toInstant());
            return Optional.of(LocalDateTime.parse(raw).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** An integer in [min, max], or the default when absent. */
    int integer(String name, int defaultValue, int min, int max) {
        Optional<String> raw = first(name);
        if (raw.isEmpty()) return defaultValue;
        return integerValue(name, raw.get(), min, max);
    }

    /** A path or query value that must be an integer in [min, max]. */
    static int integerValue(String name, String raw, int min, int max) {
        if (!INTEGER.matcher(raw).matches()) {
            throw ApiError.badRequest(name, name + " must be an integer number");
        }
        int v = Integer.parseInt(raw);
        if (v < min) throw ApiError.badRequest(name, name + " must not be less than " + min);
        if (v > max) throw ApiError.badRequest(name, name + " must not be greater than " + max);
        return v;
    }

    Optional<Boolean> bool(String name) {
        return first(name).map(raw -> switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.badRequest(name, name + " must be a boolean value");
        });
    }

    /** Lowercase wallet addresses from the repeated key; 400 for anything but 0x + 40 hex. */
    List<String> addresses(String name) {
        List<String> result = new ArrayList<>();
        for (String a : all(name)) {
            if (!ADDRESS.matcher(a).matches()) throw ApiError.badRequest(name, name + " must be an Ethereum address");
            result.add(a.toLowerCase(Locale.ROOT));
        }
        return result;
    }

    /** A timeframe (24h, 7d, 30d, all) in seconds, 0 for all or absent. */
    int timeframeSeconds(String name) {
        Optional<String> raw = first(name);
        if (raw.isEmpty()) return 0;
        Integer seconds = TIMEFRAMES.get(raw.get());
        if (seconds == null) {
            throw ApiError.badRequest(name, name + " must be one of the following values: 24h, 7d, 30d, all");
        }
        return seconds;
    }
}
