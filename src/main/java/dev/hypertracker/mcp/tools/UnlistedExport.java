package dev.hypertracker.mcp.tools;

import dev.hypertracker.mcp.api.ApiException;
import dev.hypertracker.mcp.catalog.Endpoint;

/**
 * export_coin_positions asks for a file the seed documents but the vendor's current list of export files no longer
 * names: a 400 or 404 from it most likely means the file is gone, not that the coin is wrong. Says so.
 */
final class UnlistedExport {

    static final String TOOL = "export_coin_positions";

    private UnlistedExport() {}

    /** The error text for the caller: the client's own, or for this export's 400/404 what it most likely means. */
    static String explain(Endpoint endpoint, ApiException e) {
        if (!endpoint.tool().equals(TOOL) || (e.status() != 400 && e.status() != 404)) return e.getMessage();
        return "HyperTracker answered " + e.status()
                + " for the per-coin \"positions\" export. This file is documented "
                + "in the original API docs but is no longer in the vendor's current list of export files, so it may "
                + "have been withdrawn. Use export_position_breakdown_by_size (the same breakdown by size bucket) or "
                + "list_positions with coin and open=true instead. Upstream said: " + e.getMessage();
    }
}
