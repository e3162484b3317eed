package dev.hypertracker.mcp.sandbox;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.HistoryLimits;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import tools.jackson.core.JsonGenerator;

/**
 * The cohort and market routes (issue 15), all from the same positions as every other route: a cohort's bias history
 * from its hourly series (every 2 hours), the cohort and market summaries from the positions open at the anchor, every
 * cohort on one coin from the coin x cohort snapshots, and the chart files from the market-wide and per-cohort
 * series. The summaries and charts answer 302 to a {@link SignedFiles} file, as the API does.
 */
final class CohortEndpoints {

    /** bias-history rows are 2 hours apart; without parameters it answers this many rows (~60 days). */
    static final int BIAS_SPACING_HOURS = 2;

    static final int DEFAULT_BIAS_ROWS = 60 * 24 / BIAS_SPACING_HOURS;
    static final int MAX_LIMIT = 1000;
    static final List<String> BIAS_COLUMNS = List.of(
            "timestamp", "bias", "exposureRatio", "openValue", "openLongValue", "openShortValue", "activePerpEquity");
    /** /perps/coin/{coin}/segment-metrics: metrics[0] now, then every 12 h over 7 days. */
    static final int SNAPSHOT_SPACING_HOURS = 12;

    static final int SNAPSHOT_POINTS = 7 * 24 / SNAPSHOT_SPACING_HOURS + 1;
    /** The equity chart file spans this many days, hourly, oldest first. */
    static final int EQUITY_CHART_DAYS = 14;

    private static final Map<String, Integer> AGES =
            Map.of("all", 0, "24h", 86_400, "7d", 7 * 86_400, "30d", 30 * 86_400);

    private final MarketData data;
    private final Aggregates aggregates;
    private final SignedFiles files;
    /** Per wallet, the second its first position opened (positions are sorted by open time). */
    private volatile int[] firstOpenSecond;

    CohortEndpoints(MarketData data, Aggregates aggregates, SignedFiles files) {
        this.data = data;
        this.aggregates = aggregates;
        this.files = files;
    }

    // ---- /segments/{segmentId}/bias-history ----

    /** The cohort's series over all coins, hourly; bias-history reads every second point. */
    private Aggregates.Series cohortSeries(int cohortId, int recencySeconds) {
        return aggregates.series(
                new Aggregates.SeriesKey(-1, Aggregates.Filter.COHORT, cohortId, recencySeconds, Aggregates.HOURLY));
    }

    /** The sum of the perp equity of a cohort's wallets (constant in the sandbox: wallet equity does not move). */
    long cohortEquityCents(int cohortId) {
        long sum = 0;
        for (int w = 0; w < data.walletCount(); w++)
            if (data.walletInCohort(w, cohortId)) sum += data.walletEquityCents(w);
        return sum;
    }

    Reply biasHistory(Map<String, String> path, QueryParams q) {
        int id = QueryParams.integerValue("segmentId", path.get("segmentId"), Cohort.MIN_ID, Cohort.MAX_ID);
        int recency = q.timeframeSeconds("positionRecencyTimeframe");
        boolean paged = q.first("limit").isPresent()
                || q.first("end").isPresent()
                || q.first("nextCursor").isPresent();
        Instant asked = q.first("start").isPresent() ? q.requiredTime("start") : null;
        if (asked == null && paged) {
            throw ApiError.badRequest(
                    "start", "start should not be empty", "start must be a valid ISO 8601 date string");
        }
        int limit = q.integer("limit", MAX_LIMIT, 1, MAX_LIMIT);
        int newestTick = data.anchorSecond() / (BIAS_SPACING_HOURS * 3600);
        int fromTick;
        int toTick;
        Instant start;
        Instant end;
        if (asked == null) {
            // no parameters: the last ~60 days in one answer
            toTick = newestTick;
            fromTick = Math.max(0, toTick - DEFAULT_BIAS_ROWS + 1);
            limit = DEFAULT_BIAS_ROWS;
            start = tickTime(fromTick);
            end = tickTime(toTick);
        } else {
            start = asked;
            end = q.time("end").orElse(data.anchor());
            Instant from =
                    start.isBefore(HistoryLimits.COHORT_BIAS_HISTORY) ? HistoryLimits.COHORT_BIAS_HISTORY : start;
            long spacing = BIAS_SPACING_HOURS * 3600L;
            fromTick = (int) Math.max(0, -Math.floorDiv(-data.secondOf(from), spacing));
            toTick = (int) Math.max(-1, Math.min(newestTick, Math.floorDiv(data.secondOf(end), spacing)));
            if (q.first("nextCursor").isPresent())
                toTick = Math.min(
                        toTick, Cursors.seriesTick(data, q.first("nextCursor").get(), BIAS_SPACING_HOURS * 3600));
        }
        int rows = Math.max(0, Math.min(limit, toTick - fromTick + 1));
        int oldestOnPage = toTick - rows + 1;
        String nextCursor = rows > 0 && oldestOnPage > fromTick ? Cursors.seriesRow(tickTime(oldestOnPage - 1)) : null;
        Aggregates.Series s = cohortSeries(id, recency);
        long equity = cohortEquityCents(id);
        Cohort cohort = Cohort.byId(id).orElseThrow();
        String timeframe = q.first("positionRecencyTimeframe").orElse("all");
        int last = toTick;
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeName("segment");
            MetaEndpoints.segment(g, cohort, false);
            g.writeStringProperty("nextCursor", nextCursor);
            g.writeStringProperty("positionRecencyTimeframe", timeframe);
            g.writeStringProperty("start", JsonOut.time(start));
            g.writeStringProperty("end", JsonOut.time(end));
            if (rows > 0) {
                g.writeStringProperty("pageStart", JsonOut.time(tickTime(oldestOnPage)));
                g.writeStringProperty("pageEnd", JsonOut.time(tickTime(last)));
            } else {
                g.writeNullProperty("pageStart");
                g.writeNullProperty("pageEnd");
            }
            g.writeName("historySnapshotStructure");
            g.writeStartArray();
            for (String c : BIAS_COLUMNS) g.writeString(c);
            g.writeEndArray();
            g.writeName("history");
            g.writeStartArray();
            for (int k = last; k > last - rows; k--) {
                int h = k * BIAS_SPACING_HOURS;
                long value = s.valueMicros[h];
                long longValue = s.valueLongMicros[h];
                g.writeStartArray();
                g.writeString(JsonOut.time(tickTime(k)));
                g.writeNumber(signedBias(longValue, value));
                g.writeNumber(ratio(value, equity));
                g.writeNumber(JsonOut.micros(value));
                g.writeNumber(JsonOut.micros(longValue));
                g.writeNumber(JsonOut.micros(value - longValue));
                g.writeNumber(java.math.BigDecimal.valueOf(equity, 2));
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    private Instant tickTime(int tick) {
        return data.instantAt((long) tick * BIAS_SPACING_HOURS * 3600);
    }

    /** The sandbox's signed bias: (long - short) / (long + short), -1..1, four decimals; 0 for no positions. */
    static double signedBias(long longMicros, long totalMicros) {
        if (totalMicros == 0) return 0;
        return Math.round(10_000.0 * (2 * longMicros - totalMicros) / totalMicros) / 10_000.0;
    }

    /** Open value over perp equity (micro-dollars over cents), four decimals; 0 without equity. */
    static double ratio(long valueMicros, long equityCents) {
        if (equityCents == 0) return 0;
        return Math.round(10_000.0 * (valueMicros / 1e6) / (equityCents / 100.0)) / 10_000.0;
    }

    // ---- /segments/{segmentId}/summary (302) ----

    Reply cohortSummary(Map<String, String> path, QueryParams q) {
        int id = QueryParams.integerValue("segmentId", path.get("segmentId"), Cohort.MIN_ID, Cohort.MAX_ID);
        String age = q.first("positionAge").orElse("all");
        Integer ageSeconds = AGES.get(age);
        if (ageSeconds == null)
            throw ApiError.badRequest(
                    "positionAge", "positionAge must be one of the following values: all, 24h, 7d, 30d");
        return files.redirect(
                "segments/" + id + "/summary-" + age + ".json", () -> Reply.json(summaryFile(id, ageSeconds)));
    }

    /** Totals of a cohort's open positions at the anchor, per wallet where the figure counts traders. */
    private final class Holdings {
        int positions;
        int countLong;
        long value;
        long longValue;
        final BitSet coins = new BitSet();
        final BitSet traders = new BitSet();
        final Map<Integer, Long> pnlByWallet = new java.util.HashMap<>();
        long activeEquityCents;

        Holdings(int cohortId, int ageSeconds) {
            PositionTable t = data.table;
            int anchor = data.anchorSecond();
            for (int i = 0; i < t.size; i++) {
                if (t.closeSecond[i] != PositionTable.OPEN) continue;
                if (data.sizeCohortId(i) != cohortId && data.pnlCohortId(i) != cohortId) continue;
                if (ageSeconds > 0 && anchor - t.openSecond[i] > ageSeconds) continue;
                int c = t.coin[i];
                int szd = data.specs().get(c).szDecimals();
                double mark = data.priceAtHour(c, data.hours());
                long v = t.valueMicros(i, szd, mark);
                positions++;
                value += v;
                if (t.isLong[i]) {
                    countLong++;
                    longValue += v;
                }
                coins.set(c);
                traders.set(t.wallet[i]);
                pnlByWallet.merge(t.wallet[i], t.unrealizedPnlCents(i, szd, mark), Long::sum);
            }
            for (int w = traders.nextSetBit(0); w >= 0; w = traders.nextSetBit(w + 1))
                activeEquityCents += data.walletEquityCents(w);
        }

        long inProfit() {
            return pnlByWallet.values().stream().filter(p -> p > 0).count();
        }
    }

    private byte[] summaryFile(int id, int ageSeconds) {
        Holdings open = new Holdings(id, ageSeconds);
        Holdings all = ageSeconds == 0 ? open : new Holdings(id, 0);
        long equity = cohortEquityCents(id);
        long traders = 0;
        for (int w = 0; w < data.walletCount(); w++) if (data.walletInCohort(w, id)) traders++;
        long cohortTraders = traders;
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeName("segment");
            MetaEndpoints.segment(g, Cohort.byId(id).orElseThrow(), false);
            g.writeName("openPerpsSummary");
            g.writeStartObject();
            g.writeNumberProperty("perpBias", signedBias(open.longValue, open.value));
            g.writeNumberProperty("exposureRatio", ratio(open.value, open.activeEquityCents));
            g.writeNumberProperty("countOpenPositions", open.positions);
            g.writeNumberProperty("countTradersInPosition", open.traders.cardinality());
            g.writeNumberProperty("countTradersInProfit", open.inProfit());
            JsonOut.value(g, "totalValue", open.value);
            JsonOut.value(g, "totalLongValue", open.longValue);
            JsonOut.money(g, "totalActivePerpEquity", open.activeEquityCents);
            g.writeName("bySide");
            g.writeStartObject();
            side(g, "long", open.countLong, open.longValue);
            side(g, "short", open.positions - open.countLong, open.value - open.longValue);
            g.writeEndObject();
            JsonOut.money(g, "totalPerpEquity", equity);
            g.writeNumberProperty("countAssets", open.coins.cardinality());
            g.writeEndObject();
            g.writeName("summary");
            g.writeStartObject();
            g.writeNumberProperty("countTraders", cohortTraders);
            g.writeNumberProperty("countTradersInPosition", all.traders.cardinality());
            g.writeNumberProperty("perpBias", signedBias(all.longValue, all.value));
            JsonOut.value(g, "positionValue", all.value);
            JsonOut.value(g, "positionLongValue", all.longValue);
            JsonOut.value(g, "positionShortValue", all.value - all.longValue);
            g.writeNumberProperty("exposureRatio", ratio(all.value, all.activeEquityCents));
            JsonOut.money(g, "activePerpEquity", all.activeEquityCents);
            JsonOut.money(g, "perpEquity", equity);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void side(JsonGenerator g, String name, int count, long valueMicros) {
        g.writeName(name);
        g.writeStartObject();
        g.writeNumberProperty("count", count);
        JsonOut.value(g, "value", valueMicros);
        g.writeEndObject();
    }

    // ---- /state/summary (302) ----

    Reply marketSummary() {
        return files.redirect("state/summary.json", () -> Reply.json(marketSummaryFile()));
    }

    /** Per wallet, when its first position opened; Integer.MAX_VALUE for a wallet without positions. */
    private int[] firstOpenSecond() {
        int[] first = firstOpenSecond;
        if (first != null) return first;
        first = new int[data.walletCount()];
        java.util.Arrays.fill(first, Integer.MAX_VALUE);
        PositionTable t = data.table;
        for (int i = 0; i < t.size; i++) first[t.wallet[i]] = Math.min(first[t.wallet[i]], t.openSecond[i]);
        firstOpenSecond = first;
        return first;
    }

    /** Traders at a second: wallets whose first position opened by then. */
    private long traders(int second, int cohortId) {
        int[] first = firstOpenSecond();
        long n = 0;
        for (int w = 0; w < first.length; w++)
            if (first[w] <= second && (cohortId == 0 || data.walletInCohort(w, cohortId))) n++;
        return n;
    }

    private byte[] marketSummaryFile() {
        int anchor = data.anchorSecond();
        PositionTable t = data.table;
        BitSet active = new BitSet();
        long openPositions = 0;
        long openInterest = 0;
        for (int i = 0; i < t.size; i++) {
            if (t.closeSecond[i] != PositionTable.OPEN) continue;
            int c = t.coin[i];
            openPositions++;
            openInterest += t.valueMicros(i, data.specs().get(c).szDecimals(), data.priceAtHour(c, data.hours()));
            active.set(t.wallet[i]);
        }
        long[] volume = aggregates.hourlyVolumeMicros();
        long volume24h = 0;
        for (int h = data.hours() - 23; h <= data.hours(); h++) volume24h += volume[h];
        long openPositionCount = openPositions;
        long oi = openInterest;
        long perpVolume = volume24h;
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeNumberProperty("countTraders", traders(anchor, 0));
            g.writeNumberProperty("countActiveTraders", active.cardinality());
            g.writeNumberProperty("countTraders24HoursAgo", traders(anchor - 86_400, 0));
            g.writeName("segments");
            g.writeStartArray();
            for (Cohort c : Cohort.inIdOrder()) {
                g.writeStartObject();
                g.writeNumberProperty("segmentId", c.id());
                g.writeNumberProperty("countTraders", traders(anchor, c.id()));
                g.writeNumberProperty("countTraders24HoursAgo", traders(anchor - 86_400, c.id()));
                g.writeNumberProperty("countTraders7DaysAgo", traders(anchor - 7 * 86_400, c.id()));
                g.writeNumberProperty("countTraders30DaysAgo", traders(anchor - 30 * 86_400, c.id()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeName("perpPositionsMetrics");
            g.writeStartObject();
            g.writeNumberProperty("count", openPositionCount);
            JsonOut.value(g, "openInterest", oi);
            g.writeEndObject();
            JsonOut.value(g, "perpVolume", perpVolume);
            g.writeEndObject();
        });
    }

    // ---- /perps/coin/{coin}/segment-metrics and its export file ----

    /** Main-exchange coins only, exact case: anything else is 404 "<COIN> not found", HIP-3 coins included. */
    Reply coinSegments(Map<String, String> path) {
        String coin = path.get("coin");
        OptionalInt c = data.coinIndex(coin);
        if (c.isEmpty() || !data.specs().get(c.getAsInt()).dex().equals("main"))
            throw ApiError.notFound(coin.toUpperCase(java.util.Locale.ROOT));
        return Reply.json(segmentMetrics(c.getAsInt(), 0));
    }

    /**
     * {coin, segments:[{segment, metrics:[{positionCount, positionCountLong, totalPositionValue,
     * totalPositionValueLong, bias}]}]}: metrics[0] at the anchor, then every 12 h back over 7 days, from the coin x
     * cohort snapshots (bias = the long share of value, 0..1, as in the heatmap).
     *
     * @param openedWithinSeconds only positions opened at most this long before each point (the export's -24h, -7d,
     *                            -30d files); 0 for all
     */
    byte[] segmentMetrics(int coin, int openedWithinSeconds) {
        Exposure[][] points = new Exposure[SNAPSHOT_POINTS][];
        for (int p = 0; p < SNAPSHOT_POINTS; p++)
            points[p] = aggregates.snapshot(data.hours() - p * SNAPSHOT_SPACING_HOURS, openedWithinSeconds)[coin];
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("coin", data.specs().get(coin).symbol());
            g.writeName("segments");
            g.writeStartArray();
            for (Cohort cohort : Cohort.inIdOrder()) {
                g.writeStartObject();
                g.writeName("segment");
                MetaEndpoints.segment(g, cohort, false);
                g.writeName("metrics");
                g.writeStartArray();
                for (Exposure[] point : points) {
                    Exposure e = point[cohort.id()];
                    g.writeStartObject();
                    g.writeNumberProperty("positionCount", e.count);
                    g.writeNumberProperty("positionCountLong", e.countLong);
                    JsonOut.value(g, "totalPositionValue", e.valueMicros);
                    JsonOut.value(g, "totalPositionValueLong", e.valueLongMicros);
                    g.writeNumberProperty("bias", e.bias());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    // ---- chart files (302) ----

    /** Total wallets' equity (their equity plus the unrealized PnL of their open positions), hourly, oldest first. */
    Reply equityChart() {
        return files.redirect("exports/total-wallets-equity-chart-data.json", () -> Reply.json(equityChartFile()));
    }

    private byte[] equityChartFile() {
        Aggregates.Series s = aggregates.series(Aggregates.SeriesKey.marketWide());
        int perHour = Aggregates.HOURLY / Aggregates.TEN_MINUTES;
        long equity = data.totalWalletEquityCents();
        return table(List.of("timestamp", "totalEquity"), g -> {
            for (int h = data.hours() - EQUITY_CHART_DAYS * 24; h <= data.hours(); h++) {
                g.writeStartArray();
                g.writeString(JsonOut.time(data.instantAt(h * 3600L)));
                g.writeNumber(java.math.BigDecimal.valueOf(equity + s.unrealizedPnlCents[h * perHour], 2));
                g.writeEndArray();
            }
        });
    }

    /** Every cohort's signed bias (as in bias-history), hourly over the last 24 h, one column per cohort id. */
    Reply biasChart() {
        return files.redirect("exports/segments-bias-charts-data-24h.json", () -> Reply.json(biasChartFile()));
    }

    private byte[] biasChartFile() {
        List<Cohort> cohorts = Cohort.inIdOrder();
        Aggregates.Series[] series = new Aggregates.Series[cohorts.size()];
        for (int i = 0; i < series.length; i++)
            series[i] = cohortSeries(cohorts.get(i).id(), 0);
        List<String> columns = new java.util.ArrayList<>(List.of("timestamp"));
        cohorts.forEach(c -> columns.add(Integer.toString(c.id())));
        return table(columns, g -> {
            for (int h = data.hours() - 24; h <= data.hours(); h++) {
                g.writeStartArray();
                g.writeString(JsonOut.time(data.instantAt(h * 3600L)));
                for (Aggregates.Series s : series) g.writeNumber(signedBias(s.valueLongMicros[h], s.valueMicros[h]));
                g.writeEndArray();
            }
        });
    }

    private interface Rows {
        void write(JsonGenerator g);
    }

    private static byte[] table(List<String> columns, Rows rows) {
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeName("columns");
            g.writeStartArray();
            for (String c : columns) g.writeString(c);
            g.writeEndArray();
            g.writeName("data");
            g.writeStartArray();
            rows.write(g);
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
