package dev.hypertracker.mcp.validation;

import dev.hypertracker.mcp.api.ApiRequest;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.catalog.Param;
import dev.hypertracker.mcp.catalog.ParamKind;
import dev.hypertracker.mcp.catalog.SizeBucket;
import dev.hypertracker.mcp.digest.Detail;
import dev.hypertracker.mcp.digest.DigestOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a tool call's arguments against its endpoint's declaration before any upstream request, and turns them
 * into an {@link ApiRequest} plus digest options. Every rejection names the argument, says what was wrong and
 * what is allowed.
 */
public final class ArgumentValidator {

    /** The API's coin syntax: BTC, kPEPE, 1000BONK, or a HIP-3 coin with its lowercase dex prefix: xyz:GOLD. */
    public static final Pattern COIN = Pattern.compile("(?:[a-z0-9]{1,16}:)?[A-Za-z0-9]{1,24}");

    public static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    /** Cursors are opaque but printable and short; anything else cannot be one the API issued. */
    static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_\\-=+/.:]{1,2048}");

    static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_.]{0,63}");
    static final int MAX_ADDRESSES = 50;
    /** Focus lists (heatmap coins or cohorts) hold at most this many entries. */
    static final int MAX_FOCUS = 20;

    static final int MAX_STRING = 4096;
    /** The earliest time worth asking for (the data starts 2025-04-04). */
    static final Instant EARLIEST = Instant.parse("2025-01-01T00:00:00Z");

    static final DateTimeFormatter API_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;

    public ArgumentValidator(Clock clock) {
        this.clock = clock;
    }

    public ValidatedCall validate(Endpoint endpoint, Map<String, Object> rawArguments) {
        Map<String, Object> args = rawArguments == null ? Map.of() : withoutNulls(rawArguments);
        rejectUnknown(endpoint, args.keySet());

        Map<String, String> pathValues = new LinkedHashMap<>();
        List<Map.Entry<String, String>> query = new ArrayList<>();
        Map<String, Object> echo = new LinkedHashMap<>();
        Instant start = null;
        Instant end = null;
        for (Param param : endpoint.params()) {
            Object value = args.get(param.name());
            // a start the API requires is the caller's to give: no default window is made up for it
            if (value == null && param.name().equals("start") && !param.required()) {
                value = defaultStart(endpoint);
            }
            if (value == null && param.defaultValue() != null) value = param.defaultValue();
            if (value == null) {
                if (param.required())
                    throw new InvalidArgumentException(param.name(), "is required. " + allowed(param));
                continue;
            }
            List<String> wire = toWire(param, value);
            if (param.name().equals("start")) start = Instant.parse(wire.get(0));
            if (param.name().equals("end")) end = Instant.parse(wire.get(0));
            if (param.inPath()) {
                pathValues.put(param.name(), wire.get(0));
            } else {
                for (String v : wire) query.add(Map.entry(param.name(), v));
            }
            // fidelity: series digests state the window they cover against the one asked, defaults included
            boolean window = endpoint.digest().traits().statesWindow()
                    && (param.name().equals("start") || param.name().equals("end"));
            if (args.containsKey(param.name()) || window) echo.put(param.name(), wire.size() == 1 ? wire.get(0) : wire);
        }
        if (start != null && end != null && start.isAfter(end)) {
            throw new InvalidArgumentException(
                    "start",
                    "is after end (" + API_TIME.format(start) + " > " + API_TIME.format(end)
                            + "). Give a start before the end.");
        }
        endpoint.window().violation(start, end).ifPresent(why -> {
            throw new InvalidArgumentException("end", why);
        });
        // server-side filters (heatmap focus, close time) travel to the digest in the echo, never into the request
        for (Param p : ToolArguments.forEndpoint(endpoint)) {
            if (!ToolArguments.isFilter(p) || !args.containsKey(p.name())) continue;
            List<String> wire = toWire(p, args.get(p.name()));
            boolean list = p.kind() == ParamKind.COIN_LIST || p.kind() == ParamKind.COHORT_LIST;
            echo.put(p.name(), list ? wire : wire.get(0));
        }
        Object closedSince = echo.get(ToolArguments.CLOSED_SINCE), closedBefore = echo.get(ToolArguments.CLOSED_BEFORE);
        if (closedSince != null
                && closedBefore != null
                && Instant.parse((String) closedSince).isAfter(Instant.parse((String) closedBefore))) {
            throw new InvalidArgumentException(
                    ToolArguments.CLOSED_SINCE,
                    "is after closedBefore (" + closedSince + " > " + closedBefore + "). Give closedSince before it.");
        }
        return new ValidatedCall(
                ApiRequest.of(endpoint, pathValues, query),
                digestOptions(endpoint, args, echo),
                intArg(endpoint, args, ToolArguments.MAX_PAGES, ToolArguments.defaultMaxPages(endpoint)),
                boolArg(endpoint, args, ToolArguments.FRESH));
    }

    private String defaultStart(Endpoint endpoint) {
        if (endpoint.digest().traits().allHistoryByDefault()) return Catalog.DATA_START;
        return API_TIME.format(clock.instant().minus(Duration.ofHours(24)));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> args) {
        Map<String, Object> out = new LinkedHashMap<>();
        args.forEach((k, v) -> {
            if (v != null) out.put(k, v);
        });
        return out;
    }

    private static void rejectUnknown(Endpoint endpoint, Set<String> names) {
        Set<String> known = new LinkedHashSet<>();
        endpoint.params().forEach(p -> known.add(p.name()));
        ToolArguments.forEndpoint(endpoint).forEach(p -> known.add(p.name()));
        for (String name : names) {
            if (!known.contains(name)) {
                throw new InvalidArgumentException(
                        clip(name),
                        "is not an argument of " + endpoint.tool() + ". Allowed: " + String.join(", ", known) + ".");
            }
        }
    }

    private DigestOptions digestOptions(Endpoint endpoint, Map<String, Object> args, Map<String, Object> echo) {
        Detail detail = Detail.valueOf(
                enumArg(endpoint, args, ToolArguments.DETAIL, "summary").toUpperCase(Locale.ROOT));
        List<String> fields = fieldsArg(args.get(ToolArguments.FIELDS));
        String sortBy = endpoint.digest().traits().takesSortBy()
                ? enumArg(endpoint, args, ToolArguments.SORT_BY, "value")
                : null;
        return new DigestOptions(
                detail,
                fields,
                intArg(endpoint, args, ToolArguments.MAX_ROWS, DigestOptions.DEFAULT_MAX_ROWS),
                intArg(endpoint, args, ToolArguments.MAX_TOKENS, DigestOptions.DEFAULT_MAX_TOKENS),
                intArg(endpoint, args, ToolArguments.TOP, DigestOptions.DEFAULT_TOP),
                sortBy,
                echo);
    }

    private static Param toolParam(Endpoint endpoint, String name) {
        return ToolArguments.forEndpoint(endpoint).stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    private int intArg(Endpoint endpoint, Map<String, Object> args, String name, int fallback) {
        Param p = toolParam(endpoint, name);
        Object v = args.get(name);
        if (p == null || v == null) return fallback;
        return Integer.parseInt(toWire(p, v).get(0));
    }

    private boolean boolArg(Endpoint endpoint, Map<String, Object> args, String name) {
        Param p = toolParam(endpoint, name);
        Object v = args.get(name);
        return p != null && v != null && Boolean.parseBoolean(toWire(p, v).get(0));
    }

    private String enumArg(Endpoint endpoint, Map<String, Object> args, String name, String fallback) {
        Param p = toolParam(endpoint, name);
        Object v = args.get(name);
        if (p == null || v == null) return fallback;
        return toWire(p, v).get(0);
    }

    private static List<String> fieldsArg(Object value) {
        if (value == null) return List.of();
        List<?> items = value instanceof Collection<?> c ? List.copyOf(c) : List.of(value);
        if (items.size() > ToolArguments.MAX_FIELDS) {
            throw new InvalidArgumentException(
                    ToolArguments.FIELDS,
                    "has " + items.size() + " entries. Allowed: at most " + ToolArguments.MAX_FIELDS + " field names.");
        }
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String s) || !FIELD.matcher(s).matches()) {
                throw new InvalidArgumentException(
                        ToolArguments.FIELDS,
                        describe(item) + " is not a field name. Allowed: a list "
                                + "of row field names such as [\"coin\",\"side\",\"positionValue\"] (letters, digits, _ and .).");
            }
            out.add(s);
        }
        return out;
    }

    // ---- per parameter kind: its schema, its check and wire form, and the rule in words ----

    /** The JSON Schema of a parameter as tools/list shows it: the shape {@link #toWire} enforces, in the client's terms. */
    public static Map<String, Object> schema(Param p) {
        Map<String, Object> s = switch (p.kind()) {
            case COIN -> ordered("type", "string"); // the description shows the syntax; the validator enforces it
            case ADDRESS -> ordered("type", "string", "pattern", "^" + ADDRESS.pattern() + "$");
            case ADDRESS_LIST ->
                ordered(
                        "type",
                        List.of("string", "array"),
                        "pattern",
                        "^" + ADDRESS.pattern() + "$",
                        "items",
                        Map.of("type", "string"),
                        "maxItems",
                        MAX_ADDRESSES);
            case DATETIME -> ordered("type", "string", "format", "date-time");
            case BOOLEAN -> ordered("type", "boolean");
            case INTEGER -> ordered("type", "integer", "minimum", p.min(), "maximum", p.max());
            case COHORT ->
                ordered("type", List.of("integer", "string"), "minimum", Cohort.MIN_ID, "maximum", Cohort.MAX_ID);
            case SIZE_BUCKET ->
                ordered(
                        "type",
                        List.of("integer", "string"),
                        "minimum",
                        SizeBucket.MIN_ID,
                        "maximum",
                        SizeBucket.MAX_ID);
            case ENUM -> ordered("type", "string", "enum", p.choices());
            case CURSOR -> ordered("type", "string");
            case FIELD_LIST -> ordered("type", "array", "items", Map.of("type", "string"));
            // the length limit is the validator's (MAX_FOCUS): kept out of the schema to keep tools/list small
            case COIN_LIST -> ordered("type", List.of("string", "array"), "items", Map.of("type", "string"));
            case COHORT_LIST -> ordered("type", List.of("integer", "string", "array"));
        };
        if (p.defaultValue() != null) s.put("default", p.defaultValue());
        if (p.description() != null) s.put("description", p.description());
        return s;
    }

    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return m;
    }

    /** The wire form(s) of one argument value, or an InvalidArgumentException. */
    List<String> toWire(Param p, Object value) {
        if (value instanceof String s && s.length() > MAX_STRING) {
            throw new InvalidArgumentException(
                    p.name(), "is " + s.length() + " characters long; that is never valid. " + allowed(p));
        }
        return switch (p.kind()) {
            case COIN -> List.of(coin(p, value));
            case ADDRESS -> List.of(address(p, value));
            case ADDRESS_LIST -> addresses(p, value);
            case DATETIME -> List.of(API_TIME.format(dateTime(p, value)));
            case BOOLEAN -> List.of(Boolean.toString(bool(p, value)));
            case INTEGER -> List.of(Long.toString(integer(p, value, p.min(), p.max())));
            case COHORT -> List.of(Integer.toString(cohort(p, value)));
            case SIZE_BUCKET -> List.of(Integer.toString(sizeBucket(p, value)));
            case ENUM -> List.of(choice(p, value));
            case CURSOR -> List.of(cursor(p, value));
            case FIELD_LIST -> fieldsArg(value);
            case COIN_LIST -> focusList(p, value, item -> coin(p, item));
            case COHORT_LIST -> focusList(p, value, item -> Integer.toString(cohort(p, item)));
        };
    }

    private static String coin(Param p, Object value) {
        if (!(value instanceof String s)) throw wrongType(p, value);
        // exact match, no trimming: a symbol with stray characters is a mistake worth reporting
        if (!COIN.matcher(s).matches()) {
            throw new InvalidArgumentException(p.name(), "\"" + clip(s) + "\" is not a coin symbol. " + allowed(p));
        }
        return s;
    }

    /** One value or a list of them, each checked by {@code one}; duplicates dropped, order kept. */
    private static List<String> focusList(Param p, Object value, Function<Object, String> one) {
        List<?> items = value instanceof Collection<?> c ? List.copyOf(c) : List.of(value);
        if (items.isEmpty()) throw new InvalidArgumentException(p.name(), "is an empty list. " + allowed(p));
        if (items.size() > MAX_FOCUS) {
            throw new InvalidArgumentException(
                    p.name(), "has " + items.size() + " entries. Allowed: at most " + MAX_FOCUS + ".");
        }
        Set<String> out = new LinkedHashSet<>();
        for (Object item : items) out.add(one.apply(item));
        return List.copyOf(out);
    }

    private static List<String> addresses(Param p, Object value) {
        List<?> items = value instanceof Collection<?> c ? List.copyOf(c) : List.of(value);
        if (items.isEmpty()) throw new InvalidArgumentException(p.name(), "is an empty list. " + allowed(p));
        if (items.size() > MAX_ADDRESSES) {
            throw new InvalidArgumentException(
                    p.name(), "has " + items.size() + " addresses. Allowed: at most " + MAX_ADDRESSES + " per call.");
        }
        Set<String> out = new LinkedHashSet<>();
        for (Object item : items) {
            if (!(item instanceof String s) || !ADDRESS.matcher(s.trim()).matches()) {
                throw new InvalidArgumentException(
                        p.name(), describe(item) + " is not a wallet address. " + allowed(p));
            }
            out.add(s.trim().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
    }

    /** Exactly one address, checked in full before it can become part of a path. */
    private static String address(Param p, Object value) {
        if (!(value instanceof String s) || !ADDRESS.matcher(s.trim()).matches()) {
            throw new InvalidArgumentException(p.name(), describe(value) + " is not an address. " + allowed(p));
        }
        return s.trim().toLowerCase(Locale.ROOT);
    }

    private Instant dateTime(Param p, Object value) {
        if (!(value instanceof String s)) {
            throw new InvalidArgumentException(p.name(), describe(value) + " is not a date. " + allowed(p));
        }
        String text = s.trim();
        if (text.matches("\\d{9,}")) {
            throw new InvalidArgumentException(p.name(), "epoch milliseconds are not accepted. " + allowed(p));
        }
        Instant t = parseIso(text);
        if (t == null)
            throw new InvalidArgumentException(p.name(), "\"" + clip(s) + "\" is not an ISO 8601 date. " + allowed(p));
        Instant latest = clock.instant().plus(Duration.ofDays(1));
        if (t.isBefore(EARLIEST) || t.isAfter(latest)) {
            throw new InvalidArgumentException(
                    p.name(),
                    API_TIME.format(t) + " is outside the data's range: allowed from "
                            + "2025-01-01 (data starts 2025-04-04) to " + API_TIME.format(latest) + ".");
        }
        return t;
    }

    private static Instant parseIso(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            /* try the next form */
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            /* try the next form */
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    private static boolean bool(Param p, Object value) {
        if (value instanceof Boolean b) return b;
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")))
            return Boolean.parseBoolean(s);
        throw new InvalidArgumentException(p.name(), describe(value) + " is not a boolean. Allowed: true or false.");
    }

    private static long integer(Param p, Object value, Long min, Long max) {
        long n;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            n = ((Number) value).longValue();
        } else if (value instanceof Number num
                && num.doubleValue() == Math.rint(num.doubleValue())
                && Math.abs(num.doubleValue()) < 1e15) {
            n = num.longValue();
        } else if (value instanceof String s && s.trim().matches("-?\\d{1,15}")) {
            n = Long.parseLong(s.trim());
        } else {
            throw new InvalidArgumentException(p.name(), describe(value) + " is not a whole number. " + allowed(p));
        }
        if ((min != null && n < min) || (max != null && n > max)) {
            throw new InvalidArgumentException(p.name(), n + " is out of range. " + allowed(p));
        }
        return n;
    }

    private static int cohort(Param p, Object value) {
        if (value instanceof String s && !s.trim().matches("-?\\d+")) {
            return Cohort.parse(s)
                    .map(Cohort::id)
                    .orElseThrow(() -> new InvalidArgumentException(
                            p.name(),
                            "\"" + clip(s) + "\" matches no cohort. Allowed: an id 1-16 or a name: "
                                    + Cohort.inIdOrder().stream()
                                            .map(Cohort::label)
                                            .collect(Collectors.joining(", ")) + "."));
        }
        return (int) integer(p, value, (long) Cohort.MIN_ID, (long) Cohort.MAX_ID);
    }

    private static int sizeBucket(Param p, Object value) {
        if (value instanceof String s && !s.trim().matches("-?\\d+")) {
            return SizeBucket.byRange(s)
                    .map(SizeBucket::id)
                    .orElseThrow(() -> new InvalidArgumentException(
                            p.name(),
                            "\"" + clip(s) + "\" matches no size bucket. Allowed: an id 1-10 or a range: "
                                    + SizeBucket.compactTable() + "."));
        }
        return (int) integer(p, value, (long) SizeBucket.MIN_ID, (long) SizeBucket.MAX_ID);
    }

    private static String choice(Param p, Object value) {
        // case-insensitive, answered in the API's spelling (builderFee, B)
        if (value instanceof String s) {
            for (String c : p.choices()) if (c.equalsIgnoreCase(s.trim())) return c;
        }
        throw new InvalidArgumentException(p.name(), describe(value) + " is not allowed. " + allowed(p));
    }

    private static String cursor(Param p, Object value) {
        if (value instanceof String s && CURSOR.matcher(s).matches()) return s;
        throw new InvalidArgumentException(
                p.name(), describe(value) + " is not a cursor this API issued. " + allowed(p));
    }

    private static InvalidArgumentException wrongType(Param p, Object value) {
        return new InvalidArgumentException(p.name(), "has the wrong type (" + describe(value) + "). " + allowed(p));
    }

    /** What a parameter accepts, in words. */
    static String allowed(Param p) {
        return switch (p.kind()) {
            case COIN ->
                "Allowed: a coin symbol such as BTC, ETH, kPEPE, or a HIP-3 coin with its dex: xyz:GOLD (case-sensitive).";
            case ADDRESS -> "Allowed: one address, 0x followed by 40 hex digits.";
            case ADDRESS_LIST ->
                "Allowed: a wallet address 0x followed by 40 hex digits, or a list of up to " + MAX_ADDRESSES + ".";
            case DATETIME -> "Allowed: ISO 8601 UTC such as 2026-02-25T00:00:00Z or 2026-02-25.";
            case BOOLEAN -> "Allowed: true or false.";
            case INTEGER -> "Allowed: a whole number from " + p.min() + " to " + p.max() + ".";
            case COHORT -> "Allowed: a cohort id 1-16 or a cohort name such as \"Smart Money\" or \"Whale\".";
            case SIZE_BUCKET -> "Allowed: a size bucket id 1-10 or a range: " + SizeBucket.compactTable() + ".";
            case ENUM -> "Allowed: " + String.join(", ", p.choices()) + ".";
            case CURSOR -> "Allowed: the nextCursor string of a previous result, unchanged.";
            case FIELD_LIST -> "Allowed: a list of row field names.";
            case COIN_LIST ->
                "Allowed: a coin symbol such as BTC or xyz:GOLD (case-sensitive), or a list of up to " + MAX_FOCUS
                        + ".";
            case COHORT_LIST ->
                "Allowed: a cohort id 1-16 or name such as \"Whale\", or a list of up to " + MAX_FOCUS + ".";
        };
    }

    private static String describe(Object value) {
        if (value == null) return "null";
        if (value instanceof String s) return "the string \"" + clip(s) + "\"";
        if (value instanceof Collection<?>) return "a list";
        if (value instanceof Map<?, ?>) return "an object";
        return "the " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + value;
    }

    /** Shortens and de-controls echoed input, so an error message stays small and printable. */
    private static String clip(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
