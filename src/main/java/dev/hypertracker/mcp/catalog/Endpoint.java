package dev.hypertracker.mcp.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One HyperTracker endpoint and the MCP tool that exposes it. Everything else (tool schemas, argument
 * validation, request URLs, tools.json, the README table, the sandbox's route check) derives from this.
 *
 * @param tool         the MCP tool name: a public contract
 * @param title        human title
 * @param pathTemplate path under /api/external, with {name} for path parameters
 * @param toolset      the group {@code --tools} enables it with
 * @param digest       the summarizer that applies
 * @param pagination   how it pages
 * @param rowsKey      the JSON field holding the rows ("positions", "metrics", …), or null for a bare array or a
 *                     single object
 * @param export       true for a download endpoint answered with 302 to a short-lived file URL
 * @param cacheTtl     how long a response stays fresh enough to serve from the cache
 * @param params       the API's parameters
 * @param description  text for the model
 */
public record Endpoint(String tool, String title, String pathTemplate, Toolset toolset, DigestKind digest,
                       Pagination pagination, String rowsKey, boolean export, Duration cacheTtl,
                       List<Param> params, String description) {

    public static final String API_PREFIX = "/api/external";

    public Endpoint {
        params = List.copyOf(params);
    }

    public Optional<Param> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<Param> pathParams() {
        return params.stream().filter(Param::inPath).toList();
    }

    /** The full upstream path template, e.g. /api/external/positions/coins. */
    public String fullPathTemplate() {
        return API_PREFIX + pathTemplate;
    }
}
