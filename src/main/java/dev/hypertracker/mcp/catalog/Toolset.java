package dev.hypertracker.mcp.catalog;

import java.util.Locale;

/** Groups of tools a user can enable with {@code --tools}, to keep the tool list (and its context cost) small. */
public enum Toolset {
    BRIEFS("One-call answers: a coin, a cohort, a wallet."),
    POSITIONS("Positions, open exposure per coin, cohort heatmap."),
    COHORTS("Cohort bias history and summaries, all cohorts on a coin."),
    METRICS("Time series (market, volume, coin, cohort), market summary."),
    EXPORTS("Per-coin files: breakdowns, hourly metrics, all open positions."),
    RISK("Liquidation risk, heatmaps, fills."),
    LEADERBOARDS("Biggest positions, PnL leaderboards, HYPE holders."),
    WALLETS("Wallets, fills, fundings, closed trades."),
    ORDERS("Open-order snapshots (5 min)."),
    BUILDERS("Builder rankings, profiles, fills, users."),
    META("Cohort legend, data freshness, server status.");

    private final String summary;

    Toolset(String summary) {
        this.summary = summary;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One line for a toolset listing. */
    public String summary() {
        return summary;
    }
}
