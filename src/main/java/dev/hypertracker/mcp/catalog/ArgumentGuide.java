package dev.hypertracker.mcp.catalog;

/**
 * The explanations every tool's arguments share, written once: the server instructions carry them, so each
 * parameter's own description can stay a few words (tool definitions are paid for in every conversation). The
 * schemas still carry every enum, range and pattern.
 */
public final class ArgumentGuide {
    private ArgumentGuide() {}

    /** The cohort legend with thresholds: what segmentId accepts (an id 1-16 or the name). */
    public static final String COHORTS = "Cohorts (segmentId: id or name, e.g. 9 or \"Smart Money\"). Size axis, by "
            + "perp equity: " + Cohort.compactLegend(Cohort.Axis.SIZE) + ". PnL axis, all-time: "
            + Cohort.compactLegend(Cohort.Axis.PNL) + ".";

    /** Arguments by their common names: coin symbols, times, paging. */
    public static final String TEXT = "Arguments. " + COHORTS + "\n"
            + "coin: case-sensitive symbol as listed (BTC, kPEPE; HIP-3 coins with their dex: xyz:GOLD).\n"
            + "Times (start, end, closedSince, closedBefore): ISO 8601, UTC unless an offset is given "
            + "(2025-06-01 or 2025-06-01T12:00:00Z); data starts " + Catalog.DATA_START.substring(0, 10) + ".\n"
            + "Paging: limit = rows per API page (one API request each); maxPages = pages one call fetches; pass the "
            + "returned nextCursor (or offset) to continue.\n";
}
