package dev.hypertracker.mcp.sandbox;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * GET /leaderboards/perp-pnl/{period}/download: {@code {"downloadUrl"}} to a JSON file of the perp PnL leaderboard,
 * every number written as a string (the API's quirk on this leaderboard), at most {@value #MAX_ROWS} rows. Figures come
 * from the sandbox's wallets and positions: pnlAllTime is the wallet's all-time PnL (the one its PnL cohort is from);
 * pnlDay/Week/Month sum the PnL (unrealized while open, at close once closed) of its positions opened within the
 * period; perpEquity, openValue and openValueLong from the wallet and its open positions. Ranked by the period's PnL.
 */
public final class LeaderboardDownloads {

    public static final int MAX_ROWS = 25_000;

    /** One leaderboard row; money in cents, values in micro-dollars (exact). */
    public record Row(
            long rank,
            String address,
            long perpEquityCents,
            long openValueMicros,
            long openValueLongMicros,
            long pnlDayCents,
            long pnlWeekCents,
            long pnlMonthCents,
            long pnlAllTimeCents) {
        long pnlCents(String period) {
            return switch (period) {
                case "24h" -> pnlDayCents;
                case "7d" -> pnlWeekCents;
                case "30d" -> pnlMonthCents;
                default -> pnlAllTimeCents;
            };
        }
    }

    private final MarketData data;
    private final SignedFiles files;

    LeaderboardDownloads(MarketData data, SignedFiles files) {
        this.data = data;
        this.files = files;
    }

    Reply download(Map<String, String> path) {
        String period = path.get("period");
        if (!List.of("all", "30d", "7d", "24h").contains(period))
            throw ApiError.badRequest("period", "period must be one of the following values: all, 30d, 7d, 24h");
        return files.downloadUrl("leaderboards/perp-pnl-" + period + ".json", () -> file(period));
    }

    private Reply file(String period) {
        List<Row> rows = rows(data, period);
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("period", period);
            g.writeStringProperty("updatedAt", JsonOut.time(data.anchor()));
            g.writeName("data");
            g.writeStartArray();
            for (Row r : rows) {
                g.writeStartObject();
                g.writeStringProperty("address", r.address());
                g.writeStringProperty("rank", Long.toString(r.rank()));
                g.writeNullProperty("previousRank");
                g.writeStringProperty("perpEquity", cents(r.perpEquityCents()));
                g.writeStringProperty(
                        "openValue", JsonOut.micros(r.openValueMicros()).toPlainString());
                g.writeStringProperty(
                        "openValueLong", JsonOut.micros(r.openValueLongMicros()).toPlainString());
                g.writeStringProperty("pnlDay", cents(r.pnlDayCents()));
                g.writeStringProperty("pnlWeek", cents(r.pnlWeekCents()));
                g.writeStringProperty("pnlMonth", cents(r.pnlMonthCents()));
                g.writeStringProperty("pnlAllTime", cents(r.pnlAllTimeCents()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    private static String cents(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    /** The file's rows for a period (all|30d|7d|24h), ranked by that period's PnL, highest first, ties by address. */
    public static List<Row> rows(MarketData data, String period) {
        int wallets = data.wallets().size();
        long[] day = new long[wallets], week = new long[wallets], month = new long[wallets];
        long[] open = new long[wallets], openLong = new long[wallets];
        Instant anchor = data.anchor();
        Instant dayAgo = anchor.minus(Duration.ofDays(1)),
                weekAgo = anchor.minus(Duration.ofDays(7)),
                monthAgo = anchor.minus(Duration.ofDays(30));
        PositionTable t = data.table;
        for (int i = 0; i < t.size; i++) {
            int w = t.wallet[i];
            MarketData.Position p = data.position(i);
            long pnl = Math.round(p.unrealizedPnl() * 100);
            if (!p.openTime().isBefore(monthAgo)) month[w] += pnl;
            if (!p.openTime().isBefore(weekAgo)) week[w] += pnl;
            if (!p.openTime().isBefore(dayAgo)) day[w] += pnl;
            if (p.isOpen()) {
                long micros = Math.round(p.positionValue() * 1e6);
                open[w] += micros;
                if (p.isLong()) openLong[w] += micros;
            }
        }
        List<Row> rows = new ArrayList<>(wallets);
        for (int w = 0; w < wallets; w++) {
            MarketData.Wallet wallet = data.wallet(w);
            rows.add(new Row(
                    0,
                    wallet.address(),
                    Math.round(wallet.perpEquity() * 100),
                    open[w],
                    openLong[w],
                    day[w],
                    week[w],
                    month[w],
                    Math.round(wallet.allTimePnl() * 100)));
        }
        rows.sort(Comparator.comparingLong((Row r) -> -r.pnlCents(period)).thenComparing(Row::address));
        List<Row> ranked = new ArrayList<>(Math.min(rows.size(), MAX_ROWS));
        for (int i = 0; i < rows.size() && i < MAX_ROWS; i++) {
            Row r = rows.get(i);
            ranked.add(new Row(
                    i + 1,
                    r.address(),
                    r.perpEquityCents(),
                    r.openValueMicros(),
                    r.openValueLongMicros(),
                    r.pnlDayCents(),
                    r.pnlWeekCents(),
                    r.pnlMonthCents(),
                    r.pnlAllTimeCents()));
        }
        return ranked;
    }
}
