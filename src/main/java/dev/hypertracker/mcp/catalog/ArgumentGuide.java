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

    /** Arguments by their common names: cohorts, coin symbols, times, page size (paging itself: the instructions). */
    public static final String TEXT = "Arguments. " + COHORTS + "\n"
            + "coin: case-sensitive (BTC, kPEPE; HIP-3 with its dex: xyz:GOLD). Times: ISO 8601, UTC unless an offset "
            + "is given; data starts " + Catalog.DATA_START.substring(0, 10) + ". limit = rows per API page.\n";
}
