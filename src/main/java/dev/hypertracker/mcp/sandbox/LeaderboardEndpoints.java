package dev.hypertracker.mcp.sandbox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import tools.jackson.core.JsonGenerator;

/**
 * The leaderboards: the biggest open positions (the sandbox's own, value signed by side), the perp PnL leaderboard
 * (every number as a string, the API's quirk), the all-asset PnL leaderboard and the HYPE holders. Period PnL, spot
 * holdings and HYPE balances are not in the position data: they are drawn per wallet from the seed, so the same seed
 * gives the same boards.
 */
final class LeaderboardEndpoints {

    static final int MAX_BIGGEST_LIMIT = 100;
    static final int DEFAULT_BIGGEST_LIMIT = 25;
    static final List<Integer> PERP_PNL_LIMITS = List.of(25, 50, 100);
    static final int MAX_ALL_PNL_LIMIT = 100;
    static final int MAX_HOLDERS_LIMIT = 500;
    static final List<String> PERIODS = List.of("pnlAllTime", "pnlMonth", "pnlWeek", "pnlDay");
    static final List<String> HOLDER_FIELDS = List.of("totalBalance", "stakedBalance", "spotBalance", "value");

    private final MarketData data;

    LeaderboardEndpoints(MarketData data) {
        this.data = data;
    }

    // ---- biggest positions ----

    /** Open positions by value, largest first (ties by sequence); value is negative for a short. */
    Reply biggestPositions(QueryParams q) {
        int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE);
        int limit = q.integer("limit", DEFAULT_BIGGEST_LIMIT, 1, MAX_BIGGEST_LIMIT);
        int within = q.timeframeSeconds("openedWithin");
        List<Integer> open = biggestOpen(within);
        List<Integer> page = slice(open, offset, limit);
        WalletBook book = data.walletBook();
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeNumberProperty("totalCount", open.size());
            g.writeName("items");
            g.writeStartArray();
            for (int i : page) writeBiggest(g, i, book);
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    /** The open positions opened within the window (0: all), by value descending, then sequence. */
    List<Integer> biggestOpen(int withinSeconds) {
        PositionTable t = data.table;
        int from = withinSeconds == 0 ? Integer.MIN_VALUE : data.anchorSecond() - withinSeconds;
        long[] value = new long[t.size];
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < t.size; i++) {
            if (t.closeSecond[i] != PositionTable.OPEN || t.openSecond[i] < from) continue;
            value[i] = t.valueMicros(i, data.specs().get(t.coin[i]).szDecimals(), data.markPrice(i));
            open.add(i);
        }
        open.sort(Comparator.<Integer>comparingLong(i -> -value[i]).thenComparingInt(i -> i));
        return open;
    }

    private void writeBiggest(JsonGenerator g, int i, WalletBook book) {
        MarketData.Position p = data.position(i);
        int w = data.walletOf(i);
        long valueMicros = Math.round(p.positionValue() * 1e6);
        g.writeStartObject();
        g.writeStringProperty("id", p.id());
        g.writeStringProperty("side", p.side());
        g.writeStringProperty("address", p.wallet().address());
        g.writeStringProperty("dex", p.dex());
        g.writeStringProperty("coin", p.coin());
        JsonOut.value(g, "value", p.isLong() ? valueMicros : -valueMicros);
        g.writeName("size");
        g.writeNumber(p.size());
        JsonOut.decimal(g, "entryPrice", p.entryPrice());
        JsonOut.decimal(g, "markPrice", p.markPrice());
        JsonOut.money(g, "unrealizedPnl", Math.round(p.unrealizedPnl() * 100));
        JsonOut.money(g, "funding", Math.round(p.funding() * 100));
        JsonOut.decimal(g, "liquidationPrice", p.liquidationPrice());
        JsonOut.decimal(g, "liquidationProgress", data.liquidationProgress(i));
        g.writeNumberProperty("crossLeverage", p.cross() ? p.leverage() : 0);
        g.writeNumberProperty("isolatedLeverage", p.cross() ? 0 : p.leverage());
        JsonOut.timeProperty(g, "openTime", p.openTime());
        g.writeNullProperty("closeTime");
        g.writeName("profile");
        g.writeStartObject();
        JsonOut.money(g, "totalEquity", data.walletEquityCents(w));
        JsonOut.money(g, "perpEquity", data.walletEquityCents(w));
        JsonOut.money(g, "pnl", data.walletPnlCents(w));
        writeSegments(g, w);
        Double leverage = book.exposureRatio(w, data.walletEquityCents(w));
        if (leverage == null) g.writeNullProperty("walletLeverage");
        else JsonOut.decimal(g, "walletLeverage", Math.round(leverage * 100) / 100.0);
        g.writeNullProperty("displayName");
        g.writeBooleanProperty("verified", false);
        g.writeEndObject();
        g.writeEndObject();
    }

    private void writeSegments(JsonGenerator g, int w) {
        g.writeName("segments");
        g.writeStartArray();
        g.writeNumber(data.walletSizeCohort(w));
        g.writeNumber(data.walletPnlCohort(w));
        g.writeEndArray();
    }

    // ---- PnL leaderboards ----

    /** A wallet's PnL by period in cents: [all time, month, week, day]; periods drawn from the seed. */
    long[] periodPnlCents(int w) {
        long allTime = data.walletPnlCents(w);
        SplittableRandom r = draw(w, 1);
        long month = Math.round(allTime * (r.nextDouble() * 0.8 - 0.2));
        long week = Math.round(month * (r.nextDouble() - 0.3));
        long day = Math.round(week * (r.nextDouble() * 1.2 - 0.4));
        return new long[] {allTime, month, week, day};
    }

    /** Spot holdings in cents: [stable value, top holding (HYPE) value, spot PnL all time]. */
    long[] spotCents(int w) {
        SplittableRandom r = draw(w, 2);
        long equity = Math.max(0, data.walletEquityCents(w));
        long stable = Math.round(equity * r.nextDouble() * 0.5);
        long top = Math.round(equity * r.nextDouble() * 0.3);
        long spotPnl = Math.round(top * (r.nextDouble() * 0.5 - 0.2));
        return new long[] {stable, top, spotPnl};
    }

    private SplittableRandom draw(int w, int stream) {
        return new SplittableRandom(data.seed() * 1_000_003L + w * 31L + stream);
    }

    /** A previous rank near the rank, drawn from the seed (at least 1). */
    private int previousRank(int w, int rank) {
        return Math.max(1, rank + draw(w, 3).nextInt(-3, 4));
    }

    /** Ranks 1.. of every wallet by the figure, descending, ties by address. */
    private int[] ranks(long[] figure) {
        int n = figure.length;
        List<Integer> order = IntStream.range(0, n)
                .boxed()
                .sorted(Comparator.<Integer>comparingLong(w -> -figure[w])
                        .thenComparing(w -> data.wallet(w).address()))
                .toList();
        int[] rank = new int[n];
        for (int k = 0; k < n; k++) rank[order.get(k)] = k + 1;
        return rank;
    }

    private static String period(QueryParams q, String name, String fallback) {
        String v = q.first(name).orElse(fallback);
        if (!PERIODS.contains(v))
            throw ApiError.badRequest(
                    name, name + " must be one of the following values: " + String.join(", ", PERIODS));
        return v;
    }

    private static boolean ascending(QueryParams q, String name, boolean required) {
        Optional<String> v = q.first(name);
        if (v.isEmpty()) {
            if (required) throw ApiError.badRequest(name, name + " should not be empty");
            return false;
        }
        return switch (v.get()) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw ApiError.badRequest(name, name + " must be one of the following values: asc, desc");
        };
    }

    private static String required(QueryParams q, String name) {
        if (q.first(name).isEmpty()) throw ApiError.badRequest(name, name + " should not be empty");
        return q.first(name).get();
    }

    /** Wallets in list order: by the figure (asc or desc), ties by rank. */
    private static List<Integer> ordered(long[] figure, int[] rank, boolean ascending) {
        Comparator<Integer> byFigure = Comparator.comparingLong(w -> figure[w]);
        if (!ascending) byFigure = byFigure.reversed();
        return IntStream.range(0, figure.length)
                .boxed()
                .sorted(byFigure.thenComparingInt(w -> rank[w]))
                .toList();
    }

    /** GET /leaderboards/perp-pnl: every number as a string (a third-party live probe saw exactly that). */
    Reply perpPnl(QueryParams q) {
        String rankBy = period(q, "rankBy", "pnlAllTime");
        String orderBy = period(q, "orderBy", rankBy);
        boolean ascending = ascending(q, "order", false);
        int limit = q.integer("limit", 25, 1, 100);
        if (!PERP_PNL_LIMITS.contains(limit))
            throw ApiError.badRequest("limit", "limit must be one of the following values: 25, 50, 100");
        int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE);
        int n = data.walletCount();
        long[][] pnl = new long[n][];
        for (int w = 0; w < n; w++) pnl[w] = periodPnlCents(w);
        int[] rank = ranks(column(pnl, PERIODS.indexOf(rankBy)));
        List<Integer> page = slice(ordered(column(pnl, PERIODS.indexOf(orderBy)), rank, ascending), offset, limit);
        WalletBook book = data.walletBook();
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("totalCount", Integer.toString(n));
            g.writeName("data");
            g.writeStartArray();
            for (int w : page) {
                long equity = data.walletEquityCents(w);
                g.writeStartObject();
                g.writeStringProperty("address", data.wallet(w).address());
                g.writeStringProperty("rank", Integer.toString(rank[w]));
                g.writeStringProperty("previousRank", Integer.toString(previousRank(w, rank[w])));
                g.writeStringProperty("perpEquity", cents(equity));
                g.writeStringProperty(
                        "openValue", JsonOut.micros(book.openMicros[w]).toPlainString());
                g.writeStringProperty(
                        "openValueLong", JsonOut.micros(book.longMicros[w]).toPlainString());
                Double exposure = book.exposureRatio(w, equity);
                Double bias = book.bias(w);
                g.writeStringProperty("exposureRatio", exposure == null ? null : JsonOut.plain(exposure));
                g.writeStringProperty("bias", bias == null ? null : JsonOut.plain(bias));
                for (int k = PERIODS.size() - 1; k >= 0; k--) g.writeStringProperty(PERIODS.get(k), cents(pnl[w][k]));
                g.writeStringProperty(
                        "volumeAllTime",
                        cents(Math.abs(pnl[w][0]) * (5 + draw(w, 4).nextInt(45))));
                g.writeStringProperty(
                        "pnlPercentAllTime",
                        equity <= 0 ? null : JsonOut.plain(Math.round(pnl[w][0] * 10_000.0 / equity) / 100.0));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    /** GET /leaderboards/all-pnl: rankBy, orderBy and order required; PnL over perps and spot. */
    Reply allPnl(QueryParams q) {
        required(q, "rankBy");
        required(q, "orderBy");
        String rankBy = period(q, "rankBy", null);
        String orderBy = period(q, "orderBy", null);
        boolean ascending = ascending(q, "order", true);
        int limit = q.integer("limit", MAX_ALL_PNL_LIMIT, 1, MAX_ALL_PNL_LIMIT);
        int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE);
        int n = data.walletCount();
        long[][] pnl = new long[n][];
        long[][] spot = new long[n][];
        for (int w = 0; w < n; w++) {
            spot[w] = spotCents(w);
            pnl[w] = allAssetPnlCents(w, spot[w]);
        }
        int[] rank = ranks(column(pnl, PERIODS.indexOf(rankBy)));
        long[] orderFigure = column(pnl, PERIODS.indexOf(orderBy));
        List<Integer> page = slice(ordered(orderFigure, rank, ascending), offset, limit);
        long sumPnl = 0, perps = 0, stables = 0, hype = 0;
        for (int w = 0; w < n; w++) {
            sumPnl += orderFigure[w];
            perps += data.walletEquityCents(w);
            stables += spot[w][0];
            hype += spot[w][1];
        }
        long[] distribution = {perps, stables, hype};
        long sum = sumPnl;
        WalletBook book = data.walletBook();
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeNumberProperty("totalCount", n);
            JsonOut.money(g, "sumPnl", sum);
            g.writeName("assetsDistribution");
            g.writeStartArray();
            String[] assets = {"perps", "stables", "HYPE"};
            for (int k = 0; k < assets.length; k++) {
                g.writeStartObject();
                g.writeStringProperty("asset", assets[k]);
                JsonOut.money(g, "value", distribution[k]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeName("data");
            g.writeStartArray();
            for (int w : page) {
                long equity = data.walletEquityCents(w);
                g.writeStartObject();
                g.writeStringProperty("address", data.wallet(w).address());
                int days = book.active(w) ? (data.anchorSecond() - book.firstOpenSecond[w]) / 86_400 : 0;
                g.writeNumberProperty("age", days);
                JsonOut.money(g, "totalValue", equity + spot[w][0] + spot[w][1]);
                JsonOut.money(g, "stableValue", spot[w][0]);
                g.writeName("topHolding");
                g.writeStartObject();
                g.writeStringProperty("coin", "HYPE");
                JsonOut.money(g, "value", spot[w][1]);
                g.writeEndObject();
                for (int k = PERIODS.size() - 1; k >= 0; k--) JsonOut.money(g, PERIODS.get(k), pnl[w][k]);
                g.writeNumberProperty("rank", rank[w]);
                g.writeNumberProperty("previousRank", previousRank(w, rank[w]));
                g.writeName("profile");
                g.writeStartObject();
                writeSegments(g, w);
                g.writeNullProperty("displayName");
                g.writeBooleanProperty("verified", false);
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    /** Perp PnL plus spot PnL per period (spot's periods scaled like the perp ones). */
    long[] allAssetPnlCents(int w, long[] spot) {
        long[] perp = periodPnlCents(w);
        long spotAll = spot[2];
        return new long[] {perp[0] + spotAll, perp[1] + spotAll / 3, perp[2] + spotAll / 12, perp[3] + spotAll / 90};
    }

    // ---- HYPE holders ----

    /** A holder's HYPE in hundredths: [spot, staked]; a fifth of the wallets hold HYPE. */
    long[] hypeHundredths(int w) {
        SplittableRandom r = draw(w, 5);
        if (r.nextInt(5) != 0) return null;
        long spot = Math.round(Math.exp(r.nextDouble() * 12) * 100);
        long staked = r.nextBoolean() ? Math.round(Math.exp(r.nextDouble() * 13) * 100) : 0;
        return new long[] {spot, staked};
    }

    /** The HYPE mark at the anchor, for the holders' USD value. */
    double hypePrice() {
        return data.coin("HYPE").map(MarketData.Coin::markPrice).orElse(1.0);
    }

    Reply hypeHolders(QueryParams q) {
        int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE);
        int limit = q.integer("limit", 100, 1, MAX_HOLDERS_LIMIT);
        String orderBy = holderField(q, "orderBy");
        String rankBy = holderField(q, "rankBy");
        boolean ascending = ascending(q, "order", false);
        boolean rankAscending = ascending(q, "rankOrder", false);
        double price = hypePrice();
        List<Integer> holders = new ArrayList<>();
        List<long[]> figures = new ArrayList<>();
        for (int w = 0; w < data.walletCount(); w++) {
            long[] h = hypeHundredths(w);
            if (h == null) continue;
            holders.add(w);
            long total = h[0] + h[1];
            // hundredths of HYPE x dollars per HYPE = cents
            figures.add(new long[] {total, h[1], h[0], Math.round(total * price)});
        }
        int n = holders.size();
        int rankColumn = HOLDER_FIELDS.indexOf(rankBy), orderColumn = HOLDER_FIELDS.indexOf(orderBy);
        Comparator<Integer> rankOrder = Comparator.comparingLong(k -> figures.get(k)[rankColumn]);
        if (!rankAscending) rankOrder = rankOrder.reversed();
        List<Integer> byRank = IntStream.range(0, n)
                .boxed()
                .sorted(rankOrder.thenComparingInt(holders::get))
                .toList();
        int[] rank = new int[n];
        for (int k = 0; k < n; k++) rank[byRank.get(k)] = k + 1;
        Comparator<Integer> listOrder = Comparator.comparingLong(k -> figures.get(k)[orderColumn]);
        if (!ascending) listOrder = listOrder.reversed();
        List<Integer> page = slice(
                IntStream.range(0, n)
                        .boxed()
                        .sorted(listOrder.thenComparingInt(k -> rank[k]))
                        .toList(),
                offset,
                limit);
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeName("items");
            g.writeStartArray();
            for (int k : page) {
                long[] f = figures.get(k);
                g.writeStartObject();
                g.writeStringProperty("address", data.wallet(holders.get(k)).address());
                g.writeNumberProperty("rank", rank[k]);
                g.writeName("totalBalance");
                g.writeNumber(BigDecimal.valueOf(f[0], 2));
                g.writeName("spotBalance");
                g.writeNumber(BigDecimal.valueOf(f[2], 2));
                g.writeName("stakedBalance");
                g.writeNumber(BigDecimal.valueOf(f[1], 2));
                JsonOut.money(g, "value", f[3]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberProperty("totalCount", n);
            g.writeEndObject();
        }));
    }

    private static String holderField(QueryParams q, String name) {
        String v = q.first(name).orElse("totalBalance");
        if (!HOLDER_FIELDS.contains(v))
            throw ApiError.badRequest(
                    name, name + " must be one of the following values: " + String.join(", ", HOLDER_FIELDS));
        return v;
    }

    // ---- shared ----

    static <T> List<T> slice(List<T> all, int offset, int limit) {
        int from = Math.min(offset, all.size());
        return all.subList(from, (int) Math.min(all.size(), (long) from + limit));
    }

    private static long[] column(long[][] rows, int k) {
        long[] out = new long[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = rows[i][k];
        return out;
    }

    private static String cents(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
