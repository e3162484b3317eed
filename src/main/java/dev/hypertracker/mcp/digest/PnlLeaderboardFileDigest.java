package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.signedMoney;

import dev.hypertracker.mcp.digest.Report.Cut;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * export_pnl_leaderboard: the perp PnL leaderboard file of one period (the API writes every number as a string). The
 * API's ranks and PnL figures as it gives them; the sums, winners and losers are this server's, over the rows read.
 */
final class PnlLeaderboardFileDigest implements KindDigest {

    private final int top;
    private final String period;
    private final String pnlField;
    private final TopN<Entry> byRank;
    private BigDecimal sumPnl = BigDecimal.ZERO, sumEquity = BigDecimal.ZERO;
    private long rows, winners, losers, flat, stringNumbers, missingPnl;

    PnlLeaderboardFileDigest(DigestOptions options) {
        this.top = options.top();
        this.period = options.echo().get("period") instanceof String p ? p : null;
        this.pnlField = pnlField(period);
        this.byRank = new TopN<>(top);
    }

    /** The leaderboard's PnL column of a period. */
    static String pnlField(String period) {
        if (period == null) return "pnlAllTime";
        return switch (period) {
            case "24h" -> "pnlDay";
            case "7d" -> "pnlWeek";
            case "30d" -> "pnlMonth";
            default -> "pnlAllTime";
        };
    }

    record Entry(long rank, String address, BigDecimal pnl, BigDecimal perpEquity) implements Section.Item {
        @Override
        public Object json() {
            return Json.obj(
                    "rank",
                    rank,
                    "address",
                    address,
                    "pnl",
                    pnl == null ? null : pnl.doubleValue(),
                    "perpEquity",
                    perpEquity == null ? null : perpEquity.doubleValue());
        }

        @Override
        public String line() {
            return "#" + rank + " " + address + " " + (pnl == null ? "PnL n/a" : signedMoney(pnl.doubleValue()))
                    + (perpEquity == null ? "" : ", perp equity " + Format.money(perpEquity.doubleValue()));
        }
    }

    @Override
    public void accept(JsonNode row) {
        rows++;
        BigDecimal pnl = decimal(row, pnlField);
        BigDecimal equity = decimal(row, "perpEquity");
        if (pnl == null) {
            missingPnl++;
        } else {
            sumPnl = sumPnl.add(pnl);
            int sign = pnl.signum();
            if (sign > 0) winners++;
            else if (sign < 0) losers++;
            else flat++;
        }
        if (equity != null) sumEquity = sumEquity.add(equity);
        double rank = Json.num(row, "rank");
        if (!Double.isNaN(rank) && byRank.admits(-rank))
            byRank.add(-rank, new Entry((long) rank, Json.str(row, "address"), pnl, equity));
    }

    /** A number as an exact decimal (strings counted); a value that is neither is counted as unreadable. */
    private BigDecimal decimal(JsonNode row, String field) {
        JsonNode n = row.get(field);
        if (n == null || n.isNull()) return null;
        if (n.isString()) stringNumbers++;
        BigDecimal d = Json.decimal(n);
        if (d == null) UnreadableValues.count(field, n.toString());
        return d;
    }

    @Override
    public Report finish() {
        List<Entry> ranked = new ArrayList<>(byRank.ranked());
        ranked.sort(Comparator.comparingLong(Entry::rank));
        Map<String, Object> fields = Json.obj(
                "period",
                period,
                "pnlField",
                pnlField,
                "walletsRead",
                rows,
                "sumPnl",
                sumPnl.doubleValue(),
                "winners",
                winners,
                "losers",
                losers,
                "flat",
                flat,
                "missingPnl",
                missingPnl == 0 ? null : missingPnl,
                "sumPerpEquity",
                sumEquity.doubleValue(),
                "numbersAsStrings",
                stringNumbers);
        String text = "Perp PnL leaderboard file" + (period == null ? "" : " (" + period + ")") + ": "
                + Format.count(rows) + " wallets; the API's " + pnlField + " summed by this server: "
                + signedMoney(sumPnl.doubleValue()) + " (" + Format.count(winners) + " up, " + Format.count(losers)
                + " down, " + Format.count(flat) + " flat"
                + (missingPnl == 0 ? "" : ", " + Format.count(missingPnl) + " without " + pnlField) + ")."
                + (stringNumbers == 0 ? "" : " Numbers arrived as strings, read as exact decimals.");
        List<Section> sections = List.of(
                new Section.Fields(fields, text),
                Section.Listing.of("top", "Top ranks (the API's rank)", ranked, "wallets"));
        return new Report(sections, List.of(Cut.shorten("top", 3), Cut.drop("top")), "lower top");
    }
}
