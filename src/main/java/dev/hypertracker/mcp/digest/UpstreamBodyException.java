package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.catalog.Endpoint;

/**
 * An upstream body this server will not summarize: not the route's shape ("hello", 42, {} where rows belong), or a
 * number no market holds (1e400, a count beyond 10^15). The message names the route and what was expected; it is
 * shown to the caller as the tool's error, and nothing of the body is presented as a digest.
 */
public final class UpstreamBodyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UpstreamBodyException(String message) {
        super(message, null, false, false);
    }

    /** The same problem, named with the route it came from. */
    static UpstreamBodyException onRoute(Endpoint endpoint, String problem) {
        return new UpstreamBodyException("HyperTracker's answer to GET " + endpoint.fullPathTemplate() + " ("
                + endpoint.tool() + ") cannot be summarized: " + problem + ". Nothing of it is shown as a result; try "
                + "again later, and if it persists run `hypertracker-mcp doctor --probe` and report it.");
    }
}
