package dev.hypertracker.mcp.transport;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The ways a client can reach this server. */
public enum TransportKind {
    /** JSON-RPC lines over stdin/stdout, one client (the launching process). */
    STDIO,
    /** Streamable HTTP at {@code /mcp}, one session per {@code Mcp-Session-Id}. */
    HTTP,
    /** Legacy HTTP+SSE: event stream at {@code /sse}, messages posted to {@code /mcp/message}. */
    SSE,
    /** Streamable HTTP at {@code /mcp} without sessions: any instance behind a load balancer can answer. */
    STATELESS;

    /** The name used on the command line and in {@code /healthz}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a {@code --transport} value: one name or a comma-separated list ({@code http,sse});
     * {@code both} means {@code http,sse}, {@code streamable} is an alias of {@code http}.
     */
    public static Set<TransportKind> parseList(String value) {
        Set<TransportKind> kinds = EnumSet.noneOf(TransportKind.class);
        for (String part : value.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "both" -> kinds.addAll(EnumSet.of(HTTP, SSE));
                case "streamable", "streamable-http" -> kinds.add(HTTP);
                case "stdio", "sse", "http", "stateless" -> kinds.add(valueOf(name.toUpperCase(Locale.ROOT)));
                default ->
                    throw new IllegalArgumentException("Unknown transport '" + part.trim()
                            + "': expected stdio, http, sse, stateless, both, or a comma-separated list");
            }
        }
        if (kinds.contains(STDIO) && kinds.size() > 1) {
            throw new IllegalArgumentException("stdio cannot be combined with HTTP transports");
        }
        return kinds;
    }
}
