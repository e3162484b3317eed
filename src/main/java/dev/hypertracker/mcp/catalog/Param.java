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
 * @param min          lower bound for INTEGER (inclusive), else null
 * @param max          upper bound for INTEGER (inclusive), else null
 * @param choices      allowed values for ENUM, else empty
 * @param defaultValue the value used when the call leaves it out (null: not sent), as a JSON scalar
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
        Object defaultValue) {

    public Param {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public static Param path(String name, ParamKind kind, String description) {
        return new Param(name, kind, true, true, description, null, null, List.of(), null);
    }

    public static Param query(String name, ParamKind kind, String description) {
        return new Param(name, kind, false, false, description, null, null, List.of(), null);
    }

    public Param range(long lo, long hi) {
        return new Param(name, kind, inPath, required, description, lo, hi, choices, defaultValue);
    }

    public Param oneOf(String... values) {
        return new Param(name, kind, inPath, required, description, min, max, List.of(values), defaultValue);
    }

    /** A query parameter the API requires (a path parameter always is). */
    public Param mandatory() {
        return new Param(name, kind, inPath, true, description, min, max, choices, defaultValue);
    }

    public Param withDefault(Object value) {
        return new Param(name, kind, inPath, required, description, min, max, choices, value);
    }
}
