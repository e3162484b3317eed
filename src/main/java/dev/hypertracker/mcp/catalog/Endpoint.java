package dev.hypertracker.mcp.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One HyperTracker endpoint and the MCP tool that exposes it. Everything else (tool schemas, argument
 * validation, request URLs, tools.json, the README table, the sandbox's route check) derives from this.
 * Declared with {@link #tool(String)}'s builder, so every field is set by name.
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
 * @param window       how far apart start and end may be (the API's own rule), checked before any request
 * @param description  text for the model
 */
public record Endpoint(
        String tool,
        String title,
        String pathTemplate,
        Toolset toolset,
        DigestKind digest,
        Pagination pagination,
        String rowsKey,
        boolean export,
        Duration cacheTtl,
        List<Param> params,
        WindowRule window,
        String description) {

    public static final String API_PREFIX = "/api/external";

    public Endpoint {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(title, tool + ": title");
        Objects.requireNonNull(pathTemplate, tool + ": path");
        Objects.requireNonNull(toolset, tool + ": toolset");
        Objects.requireNonNull(digest, tool + ": digest");
        Objects.requireNonNull(pagination, tool + ": pagination");
        Objects.requireNonNull(cacheTtl, tool + ": cacheTtl");
        Objects.requireNonNull(window, tool + ": window");
        Objects.requireNonNull(description, tool + ": description");
        params = List.copyOf(params);
    }

    /** Starts the declaration of the endpoint behind this MCP tool name. */
    public static Builder tool(String tool) {
        return new Builder(tool);
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

    /** An endpoint declaration by name; unset: no pagination, no rows key, not an export, no parameters. */
    public static final class Builder {
        private final String tool;
        private String title;
        private String pathTemplate;
        private Toolset toolset;
        private DigestKind digest;
        private Pagination pagination = Pagination.NONE;
        private String rowsKey;
        private boolean export;
        private Duration cacheTtl;
        private List<Param> params = List.of();
        private WindowRule window = WindowRule.ANY;
        private String description;

        private Builder(String tool) {
            this.tool = tool;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** The path under /api/external, with {name} for path parameters. */
        public Builder path(String pathTemplate) {
            this.pathTemplate = pathTemplate;
            return this;
        }

        public Builder toolset(Toolset toolset) {
            this.toolset = toolset;
            return this;
        }

        public Builder digest(DigestKind digest) {
            this.digest = digest;
            return this;
        }

        public Builder pagination(Pagination pagination) {
            this.pagination = pagination;
            return this;
        }

        /** The JSON field holding the rows; leave unset for a bare array or a single object. */
        public Builder rowsKey(String rowsKey) {
            this.rowsKey = rowsKey;
            return this;
        }

        /** A download endpoint: answered with 302 to a short-lived file URL. */
        public Builder export() {
            this.export = true;
            return this;
        }

        public Builder cacheTtl(Duration cacheTtl) {
            this.cacheTtl = cacheTtl;
            return this;
        }

        public Builder params(Param... params) {
            this.params = List.of(params);
            return this;
        }

        /** The API's limit on the start..end window. */
        public Builder window(WindowRule window) {
            this.window = window;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Endpoint build() {
            return new Endpoint(
                    tool,
                    title,
                    pathTemplate,
                    toolset,
                    digest,
                    pagination,
                    rowsKey,
                    export,
                    cacheTtl,
                    params,
                    window,
                    description);
        }
    }
}
