package dev.hypertracker.mcp.catalog;

import java.util.List;

/**
 * One argument of an endpoint, as the API names it.
 *
 * @param name         the API's own name (also the tool argument name)
 * @param kind         what it holds
 * @param inPath       true for a path parameter ({coin}), false for a query parameter
 * @param required     whether a call must give it
 * @param description  text for the model
 * @param min          lower bound for INTEGER (inclusive); for ADDRESS_LIST the fewest addresses; else null
 * @param max          upper bound for INTEGER (inclusive); for ADDRESS_LIST the most addresses; else null
 * @param choices      allowed values for ENUM, else empty
 * @param defaultValue the value used when the call leaves it out (null: not sent), as a JSON scalar
 * @param requiredWith the API requires this argument as soon as any of these is given (bias-history's start)
 * @param wireName     the query key it is sent under when it differs from the argument name ({@code segmentIds[]}
 *                     for the argument {@code segmentIds}: brackets are not valid in every client's argument names),
 *                     else null
 */
public record Param(
        String name,
        ParamKind kind,
        boolean inPath,
        boolean required,
        String description,
        Long min,
        Long max,
        List<String> choices,
        Object defaultValue,
        List<String> requiredWith,
        String wireName) {

    public Param {
        choices = choices == null ? List.of() : List.copyOf(choices);
        requiredWith = requiredWith == null ? List.of() : List.copyOf(requiredWith);
    }

    public static Param path(String name, ParamKind kind, String description) {
        return new Param(name, kind, true, true, description, null, null, List.of(), null, List.of(), null);
    }

    /**
     * An optional suffix of a path's file name, such as {window} in {@code …/position-breakdown-by-size{window}}: given,
     * it is sent as "-" and its value ({@code …-by-size-24h}); left out, the suffix is empty ({@code …-by-size}).
     */
    public static Param pathSuffix(String name, ParamKind kind, String description) {
        return new Param(name, kind, true, false, description, null, null, List.of(), null, List.of(), null);
    }

    /**
     * A path parameter the call may leave out: its default fills the path (e.g. {snapshotTime} defaults to "latest",
     * the API's route for the newest snapshot).
     */
    public static Param optionalPath(String name, ParamKind kind, String description, String defaultValue) {
        return new Param(name, kind, true, false, description, null, null, List.of(), defaultValue, List.of(), null);
    }

    public static Param query(String name, ParamKind kind, String description) {
        return new Param(name, kind, false, false, description, null, null, List.of(), null, List.of(), null);
    }

    public Param range(long lo, long hi) {
        return new Param(
                name, kind, inPath, required, description, lo, hi, choices, defaultValue, requiredWith, wireName);
    }

    public Param oneOf(String... values) {
        return new Param(
                name,
                kind,
                inPath,
                required,
                description,
                min,
                max,
                List.of(values),
                defaultValue,
                requiredWith,
                wireName);
    }

    /** A query parameter the API requires (a path parameter always is). */
    public Param mandatory() {
        return new Param(
                name, kind, inPath, true, description, min, max, choices, defaultValue, requiredWith, wireName);
    }

    public Param withDefault(Object value) {
        return new Param(name, kind, inPath, required, description, min, max, choices, value, requiredWith, wireName);
    }

    /** The API requires this argument as soon as any of {@code others} is given. */
    public Param requiredWith(String... others) {
        return new Param(
                name, kind, inPath, required, description, min, max, choices, defaultValue, List.of(others), wireName);
    }

    /** An optional path suffix ({@link #pathSuffix}) rather than a whole path segment. */
    public boolean isPathSuffix() {
        // an optional path parameter with a default ({snapshotTime} = "latest") fills its segment instead
        return inPath && !required && defaultValue == null;
    }

    /** Sent under another query key than its argument name. */
    public Param sentAs(String key) {
        return new Param(name, kind, inPath, required, description, min, max, choices, defaultValue, requiredWith, key);
    }

    /** The query key the API reads. */
    public String queryKey() {
        return wireName == null ? name : wireName;
    }
}
