package dev.hypertracker.mcp.catalog;

/**
 * The explanations every tool's arguments share, written once: the server instructions carry them, so each
 * parameter's own description can stay a few words (tool definitions are paid for in every conversation). The
 * schemas still carry every enum, range and pattern.
 */
public final class ArgumentGuide {
    private ArgumentGuide() {}

    /**
     * What segmentId takes. The legend itself (16 ids, names, thresholds) is the list_cohorts tool and the
     * hypertracker://cohorts resource: written out here it would cost the instructions ~100-200 tokens.
     */
    public static final String COHORTS =
            "segmentId: a cohort id or name (\"Smart Money\"); list_cohorts gives all 16 with thresholds.";

    /** Arguments by their common names: cohorts, coin symbols, times (paging: the instructions' rules). */
    public static final String TEXT = COHORTS + " coin: case-sensitive (BTC, kPEPE, xyz:GOLD). Times: ISO 8601 (UTC "
            + "by default); data from " + Catalog.DATA_START.substring(0, 10) + ".\n";
}
