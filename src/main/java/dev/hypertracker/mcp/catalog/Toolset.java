package dev.hypertracker.mcp.catalog;

import java.util.Locale;

/** Groups of tools a user can enable with {@code --tools}, to keep the tool list (and its context cost) small. */
public enum Toolset {
    BRIEFS("One-call answers about a coin, a cohort or a wallet."),
    POSITIONS("Open and closed positions, open exposure per coin, the cohort heatmap."),
    COHORTS("Cohort (segment) bias history, cohort summaries, every cohort on one coin."),
    METRICS("Time series: market overview, volume, per-coin and per-cohort metrics, market summary."),
    EXPORTS("Per-coin files: breakdowns by size and cohort, hourly metrics, every open position."),
    RISK("Liquidation risk per coin, liquidation heatmaps, liquidation fills."),
    LEADERBOARDS("Biggest positions, PnL leaderboards, HYPE holders."),
    WALLETS("Wallets, their fills, fundings and closed trades."),
    ORDERS("Open-order snapshots every 5 minutes."),
    BUILDERS("Builder rankings, profiles, fills and users."),
    META("Cohort legend, data freshness, this server's status.");

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
