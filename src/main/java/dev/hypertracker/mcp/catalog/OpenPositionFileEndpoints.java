package dev.hypertracker.mcp.catalog;

import static dev.hypertracker.mcp.catalog.CommonParams.*;
import static dev.hypertracker.mcp.catalog.ParamKind.*;

import java.time.Duration;
import java.util.List;

/** Every open position of one coin: the live CSV file, and the history of its snapshots. */
public final class OpenPositionFileEndpoints {

    private OpenPositionFileEndpoints() {}

    /** Open-position snapshots are kept from this day on. */
    public static final String SNAPSHOTS_START = "2026-03-25T00:00:00.000Z";

    public static final Endpoint EXPORT_OPEN_POSITIONS = Endpoint.tool("export_open_positions")
            .title("Every open position of a coin (CSV export)")
            .path("/positions/open/coin/{coin}")
            .toolset(Toolset.EXPORTS)
            .digest(DigestKind.OPEN_POSITIONS_FILE)
            .rowsKey("positions")
            .export()
            .cacheTtl(Duration.ofMinutes(15))
            .params(Param.path("coin", COIN, "Coin symbol (case-insensitive here): BTC, kPEPE, xyz:GOLD."))
            .description("Reads the coin's whole open-positions CSV (can exceed 10 MB) in one streamed pass: counts "
                    + "and value per side, uPnL, funding, per cohort (size and PnL axes), the largest positions.")
            .build();

    public static final Endpoint GET_OPEN_POSITIONS_HISTORY = Endpoint.tool("get_open_positions_history")
            .title("Open-position snapshots of a coin")
            .path("/coin/{coin}/open-positions/history")
            .toolset(Toolset.POSITIONS)
            .digest(DigestKind.POSITION_SNAPSHOTS)
            .pagination(Pagination.CURSOR)
            .cacheTtl(Duration.ofMinutes(1))
            .params(
                    coinPath(),
                    Param.query("start", DATETIME, "Oldest snapshot time (ISO 8601 UTC). Snapshots from 2026-03-25."),
                    Param.query("end", DATETIME, "Newest snapshot time (ISO 8601 UTC). Default: the latest."),
                    cursor())
            .description("Snapshots of every open position of a coin, one per page going back in time: id, state "
                    + "version, row count, status, times. Their download links (~120 s) are not shown in full.")
            .build();

    static final List<Endpoint> ALL = List.of(EXPORT_OPEN_POSITIONS, GET_OPEN_POSITIONS_HISTORY);
}
