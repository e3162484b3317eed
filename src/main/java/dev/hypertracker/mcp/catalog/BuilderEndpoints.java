package dev.hypertracker.mcp.catalog;

import static dev.hypertracker.mcp.catalog.CommonParams.*;
import static dev.hypertracker.mcp.catalog.ParamKind.*;

import java.time.Duration;
import java.util.List;

/** Builders (front ends that route orders and earn a builder fee): rankings, profiles, revenue, fills and users. */
public final class BuilderEndpoints {

    private BuilderEndpoints() {}

    /** Checked as one full address before it becomes a path segment. */
    private static Param builder() {
        return Param.path("builder", ADDRESS, "Builder address (0x + 40 hex), as list_builders shows it.");
    }

    public static final Endpoint LIST_BUILDERS = Endpoint.tool("list_builders")
            .title("Builders ranked by revenue")
            .path("/builders/list/timeframe/{timeframe}")
            .toolset(Toolset.BUILDERS)
            .digest(DigestKind.BUILDER_RANKING)
            .rowsKey("builders")
            .export()
            .cacheTtl(Duration.ofMinutes(15))
            .params(Param.path("timeframe", ENUM, "Period revenue, volume and users are counted over.")
                    .oneOf("24h", "7d", "30d", "all"))
            .description(
                    "Builders by builder-fee revenue over a timeframe, with volume and users, each vs the previous "
                            + "period (revenuePrev…). Digest: ranking and change vs previous period.")
            .build();

    public static final Endpoint GET_BUILDER_PROFILE = Endpoint.tool("get_builder_profile")
            .title("Builder profile")
            .path("/builders/{builder}/profile")
            .toolset(Toolset.BUILDERS)
            .digest(DigestKind.BUILDER_PROFILE)
            .cacheTtl(Duration.ofMinutes(15))
            .params(builder())
            .description("One builder's profile as the API gives it: name, fee, revenue, volume, users.")
            .build();

    public static final Endpoint EXPORT_BUILDERS_REVENUE = Endpoint.tool("export_builders_revenue")
            .title("All builders' revenue over time (file)")
            .path("/builders/all-time-revenue")
            .toolset(Toolset.BUILDERS)
            .digest(DigestKind.BUILDER_REVENUE)
            .export()
            .cacheTtl(Duration.ofMinutes(30))
            .description("Builder-fee revenue of all builders per day since the data starts, with users per day. "
                    + "Digest: all-time total, last 7/30 days, peak day.")
            .build();

    public static final Endpoint LIST_BUILDER_FILLS = Endpoint.tool("list_builder_fills")
            .title("Fills routed through a builder")
            .path("/builders/{builder}/fills")
            .toolset(Toolset.BUILDERS)
            .digest(DigestKind.BUILDER_FILLS)
            .pagination(Pagination.CURSOR)
            .rowsKey("fills")
            .window(WindowRule.SAME_UTC_DAY)
            .cacheTtl(Duration.ofMinutes(5))
            .params(
                    builder(),
                    Param.query("start", DATETIME, "Window start (ISO 8601 UTC). Required: one UTC day per call.")
                            .mandatory(),
                    Param.query("end", DATETIME, "Window end, on start's UTC day. Default: end of that day."),
                    Param.query("coin", COIN_LIST, "Coin symbol(s), case-sensitive (BTC, xyz:GOLD); omit for all."),
                    Param.query("address", ADDRESS_LIST, "Trader address or list; omit for all."),
                    Param.query("fillType", ENUM, "perp or spot; omit for both.")
                            .oneOf("perp", "spot"),
                    Param.query("side", ENUM, "B (buy) or A (sell); omit for both.")
                            .oneOf("B", "A"),
                    limit(1000).withDefault(1000),
                    cursor())
            .description("Fills of one builder's users on one UTC day (start required, end the same day): volume, "
                    + "builder fees, per coin and side, top traders.")
            .build();

    public static final Endpoint LIST_BUILDER_USERS = Endpoint.tool("list_builder_users")
            .title("A builder's users")
            .path("/builders/{builder}/users")
            .toolset(Toolset.BUILDERS)
            .digest(DigestKind.BUILDER_USERS)
            .pagination(Pagination.OFFSET)
            .rowsKey("items")
            .cacheTtl(Duration.ofMinutes(15))
            .params(
                    builder(),
                    Param.query("offset", INTEGER, "Items to skip (0 or more).")
                            .range(0, 100_000)
                            .withDefault(0),
                    limit(500).withDefault(100),
                    Param.query("order", ENUM, "desc or asc.").oneOf("desc", "asc"),
                    Param.query("orderBy", ENUM, "Field users are ranked by.")
                            .oneOf("pnl", "volume", "builderFee", "equity"),
                    Param.query("period", ENUM, "Period volume and fees cover.").oneOf("24h", "7d", "30d", "all"))
            .description("One builder's users with their volume, builder fees paid, PnL and equity, ranked by orderBy.")
            .build();

    static final List<Endpoint> ALL = List.of(
            LIST_BUILDERS, GET_BUILDER_PROFILE, EXPORT_BUILDERS_REVENUE, LIST_BUILDER_FILLS, LIST_BUILDER_USERS);
}
