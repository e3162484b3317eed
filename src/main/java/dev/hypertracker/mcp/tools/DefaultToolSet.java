package dev.hypertracker.mcp.tools;

import dev.hypertracker.mcp.catalog.Toolset;
import java.util.List;
import java.util.Map;

/**
 * The tools listed when the server starts without {@code --tools}: the ones that answer the most questions,
 * within 25 tools and 24,000 characters of tools/list (issue 15; ToolListSizeTest holds both). Every other tool
 * stays one {@code enable_toolset} call away. A member that this build does not have is skipped (so the list can
 * name tools that land in other branches); DefaultToolSetTest says which toolsets may still be missing.
 */
public final class DefaultToolSet {
    private DefaultToolSet() {}

    /** One member: the tool, the toolset it belongs to (checked against the tool), and why it is listed. */
    public record Member(String tool, Toolset toolset, String why) {}

    /** THE default set, in no particular order (tools/list keeps the catalog's order). */
    public static final List<Member> MEMBERS = List.of(
            new Member("get_coin_brief", Toolset.BRIEFS, "'what is going on with BTC' in one call"),
            new Member("get_cohort_brief", Toolset.BRIEFS, "one cohort across coins in one call"),
            new Member("get_wallet_brief", Toolset.BRIEFS, "one wallet's cohorts, positions and totals in one call"),
            new Member("get_biggest_positions", Toolset.LEADERBOARDS, "'who holds the largest positions'"),
            new Member("get_coin_cohort_snapshot", Toolset.COHORTS, "every cohort on one coin, now"),
            new Member("get_cohort_bias_history", Toolset.COHORTS, "how a cohort's long/short bias moved"),
            new Member("list_positions", Toolset.POSITIONS, "positions by coin, wallet, cohort: the raw answer"),
            new Member("get_open_exposure_by_coin", Toolset.POSITIONS, "which coins hold the most open value"),
            new Member("get_positions_heatmap", Toolset.POSITIONS, "'are whales long BTC?' for every coin at once"),
            new Member("get_coin_position_metrics", Toolset.METRICS, "one coin's positioning, PnL, funding over time"),
            new Member("get_liquidation_risk_by_asset", Toolset.RISK, "a cohort's value near liquidation per coin"),
            new Member("export_liquidation_heatmap", Toolset.RISK, "where a coin's liquidations sit by price"),
            new Member("export_position_breakdown_by_cohort", Toolset.EXPORTS, "one coin split by cohort, vs past"),
            new Member("list_cohorts", Toolset.META, "the cohort legend"),
            new Member("get_data_freshness", Toolset.META, "how recent the data is"),
            new Member(ServerStatusTool.NAME, Toolset.META, "quota spent and saved"),
            new Member(ToolsetDiscovery.LIST_TOOLSETS, Toolset.META, "finds every other tool"),
            new Member(ToolsetDiscovery.ENABLE_TOOLSET, Toolset.META, "lists a toolset's tools for the session"));

    /** The members this build has, in the inventory's (tools/list) order. */
    public static List<String> names() {
        Map<String, Toolset> inventory = ToolSelection.inventory();
        List<String> wanted = MEMBERS.stream().map(Member::tool).toList();
        return inventory.keySet().stream().filter(wanted::contains).toList();
    }
}
