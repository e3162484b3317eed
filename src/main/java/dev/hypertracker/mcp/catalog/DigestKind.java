package dev.hypertracker.mcp.catalog;

/** Which summarizer turns an endpoint's rows into a digest. */
public enum DigestKind {
    POSITIONS, EXPOSURE, HEATMAP, SERIES, LIQUIDATION_RISK, BREAKDOWN, LIQUIDATION_HEATMAP, COHORTS, FRESHNESS
}
