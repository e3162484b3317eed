package dev.hypertracker.mcp.sandbox;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.HistoryLimits;
import dev.hypertracker.mcp.catalog.SizeBucket;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import tools.jackson.core.JsonGenerator;

/**
 * The time series: market-wide overview (every 10 minutes), per coin, per coin and cohort, per coin and size
 * bucket (every 15 minutes), and hourly perp volume. Rows are the ticks of the data window, cursor-paged.
 */
final class MetricsEndpoints {

    static final int MAX_LIMIT = 1000;

    private final MarketData data;
    private final Aggregates aggregates;

    MetricsEndpoints(MarketData data, Aggregates aggregates) {
        this.data = data;
        this.aggregates = aggregates;
    }

    /** Market-wide snapshots, oldest first; start required, as on every /position-metrics route. */
    Reply general(QueryParams q) {
        Instant start = q.requiredTime("start");
        Instant end = q.time("end").orElse(data.anchor());
        Aggregates.Series s = aggregates.series(Aggregates.SeriesKey.marketWide());
        long equityCents = data.totalWalletEquityCents();
        return page(
                q,
                historyStart(start, HistoryLimits.MARKET_OVERVIEW),
                end,
                Aggregates.TEN_MINUTES,
                0,
                false,
                (g, h) -> {
                    g.writeStringProperty("createdAt", JsonOut.time(data.instantAt((long) h * Aggregates.TEN_MINUTES)));
                    g.writeNumberProperty("count", s.count[h]);
                    g.writeNumberProperty("countLong", s.countLong[h]);
                    g.writeNumberProperty("countShort", s.count[h] - s.countLong[h]);
                    JsonOut.value(g, "openInterest", s.valueMicros[h]);
                    JsonOut.value(g, "openInterestLong", s.valueLongMicros[h]);
                    JsonOut.value(g, "openInterestShort", s.valueMicros[h] - s.valueLongMicros[h]);
                    // wallets' equity plus the unrealized PnL of their open positions at that point
                    JsonOut.money(g, "perpEquity", equityCents + s.unrealizedPnlCents[h]);
                    g.writeNumberProperty("countInProfit", s.countInProfit[h]);
                });
    }

    /** positionRecencyTimeframe is not a parameter of this route: the API ignores it, unvalidated. */
    Reply coin(Map<String, String> path, QueryParams q) {
        Instant start = q.requiredTime("start");
        OptionalInt c = data.coinIndex(path.get("coin"));
        if (c.isEmpty()) return emptySeries();
        return coinSeries(
                q,
                historyStart(start, HistoryLimits.COIN_METRICS),
                c.getAsInt(),
                Aggregates.SeriesKey.perCoin(c.getAsInt(), Aggregates.Filter.ALL, 0, 0),
                null);
    }

    Reply coinSegment(Map<String, String> path, QueryParams q) {
        Instant start = q.requiredTime("start");
        int segmentId = QueryParams.integerValue("segmentId", path.get("segmentId"), Cohort.MIN_ID, Cohort.MAX_ID);
        int recency = q.timeframeSeconds("positionRecencyTimeframe");
        OptionalInt c = data.coinIndex(path.get("coin"));
        if (c.isEmpty()) return emptySeries();
        Instant historyStart = recency == 0 ? HistoryLimits.COIN_METRICS : HistoryLimits.COIN_METRICS_BY_RECENCY;
        return coinSeries(
                q,
                historyStart(start, historyStart),
                c.getAsInt(),
                Aggregates.SeriesKey.perCoin(c.getAsInt(), Aggregates.Filter.COHORT, segmentId, recency),
                "segmentId");
    }

    Reply coinSizeBucket(Map<String, String> path, QueryParams q) {
        Instant start = q.requiredTime("start");
        int bucketId = QueryParams.integerValue(
                "sizeBucketId", path.get("sizeBucketId"), SizeBucket.MIN_ID, SizeBucket.MAX_ID);
        OptionalInt c = data.coinIndex(path.get("coin"));
        if (c.isEmpty()) return emptySeries();
        return coinSeries(
                q,
                historyStart(start, HistoryLimits.COIN_METRICS),
                c.getAsInt(),
                Aggregates.SeriesKey.perCoin(c.getAsInt(), Aggregates.Filter.SIZE_BUCKET, bucketId, 0),
                "sizeBucketId");
    }

    /**
     * The API has no points before the route's history began (a window entirely before it: an empty list, not an
     * error), whatever the sandbox's generated data spans.
     */
    private static Instant historyStart(Instant start, Instant historyBegins) {
        return start.isBefore(historyBegins) ? historyBegins : start;
    }

    /** An unknown or wrong-case coin on a metrics route: an empty list, not a 404 (coins are case-sensitive). */
    private static Reply emptySeries() {
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeName("metrics");
            g.writeStartArray();
            g.writeEndArray();
            g.writeNullProperty("nextCursor");
            g.writeEndObject();
        }));
    }

    /** Hourly perp volume, oldest first: {id, createdAt, volume}. */
    Reply perpVolume(QueryParams q) {
        Instant start = q.requiredTime("start");
        Instant end = q.time("end").orElse(data.anchor());
        long[] volume = aggregates.hourlyVolumeMicros();
        return page(q, start, end, Aggregates.HOURLY, 1, false, (g, h) -> {
            g.writeNumberProperty("id", h);
            g.writeStringProperty("createdAt", JsonOut.time(hourTime(h)));
            JsonOut.value(g, "volume", volume[h]);
        });
    }

    /** Per-coin rows, newest first; filterName adds segmentId or sizeBucketId to each row. */
    private Reply coinSeries(QueryParams q, Instant start, int coin, Aggregates.SeriesKey key, String filterName) {
        Instant end = q.time("end").orElse(data.anchor());
        String symbol = data.specs().get(coin).symbol();
        int szd = data.specs().get(coin).szDecimals();
        Aggregates.Series s = aggregates.series(key);
        return page(q, start, end, key.tickSeconds(), 0, true, (g, h) -> {
            g.writeStringProperty("createdAt", JsonOut.time(data.instantAt((long) h * key.tickSeconds())));
            g.writeStringProperty("coin", symbol);
            if (filterName != null) g.writeNumberProperty(filterName, key.filterId());
            g.writeNumberProperty("positionCount", s.count[h]);
            g.writeNumberProperty("positionCountLong", s.countLong[h]);
            JsonOut.value(g, "totalPositionValue", s.valueMicros[h]);
            JsonOut.value(g, "totalPositionValueLong", s.valueLongMicros[h]);
            g.writeName("totalPositionSize");
            g.writeNumber(BigDecimal.valueOf(s.lots[h], szd));
            g.writeName("totalPositionSizeLong");
            g.writeNumber(BigDecimal.valueOf(s.lotsLong[h], szd));
            JsonOut.money(g, "totalFunding", s.fundingCents[h]);
            JsonOut.money(g, "totalUnrealizedPnl", s.unrealizedPnlCents[h]);
        });
    }

    private Instant hourTime(int hour) {
        return data.instantAt(hour * 3600L);
    }

    @FunctionalInterface
    private interface RowWriter {
        void write(JsonGenerator g, int tick);
    }

    /**
     * One page of rows, one per tick of tickSeconds within [start, end] and the data window from firstTick
     * on, in the given order; the cursor names the next row's time.
     */
    private Reply page(
            QueryParams q,
            Instant start,
            Instant end,
            int tickSeconds,
            int firstTick,
            boolean newestFirst,
            RowWriter row) {
        int limit = q.integer("limit", MAX_LIMIT, 1, MAX_LIMIT);
        int lastTick = data.anchorSecond() / tickSeconds;
        int from = (int) Math.max(firstTick, ceilDiv(data.secondOf(start), tickSeconds));
        int to = (int) Math.max(-1, Math.min(lastTick, Math.floorDiv(data.secondOf(end), tickSeconds)));
        if (q.first("nextCursor").isPresent()) {
            int resume = Cursors.seriesTick(data, q.first("nextCursor").get(), tickSeconds);
            if (newestFirst) to = Math.min(to, resume);
            else from = Math.max(from, resume);
        }
        int rows = Math.max(0, Math.min(limit, to - from + 1));
        int first = newestFirst ? to : from;
        int step = newestFirst ? -1 : 1;
        int next = first + rows * step;
        boolean more = newestFirst ? next >= from : next <= to;
        String nextCursor = rows > 0 && more ? Cursors.seriesRow(data.instantAt((long) next * tickSeconds)) : null;
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeName("metrics");
            g.writeStartArray();
            for (int r = 0, k = first; r < rows; r++, k += step) {
                g.writeStartObject();
                row.write(g, k);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringProperty("nextCursor", nextCursor);
            g.writeEndObject();
        }));
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
