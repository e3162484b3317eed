package dev.hypertracker.mcp.sandbox;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.SizeBucket;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The time series: market-wide overview (every 10 minutes), and hourly per coin, per coin and cohort, per
 * coin and size bucket, and perp volume. Rows are the ticks of the data window, cursor-paged.
 */
final class MetricsEndpoints {

    static final int MAX_LIMIT = 1000;
    /** /position-metrics/general without start: the last day. */
    private static final Duration DEFAULT_GENERAL_WINDOW = Duration.ofHours(24);

    private final MarketData data;
    private final Aggregates aggregates;

    MetricsEndpoints(MarketData data, Aggregates aggregates) {
        this.data = data;
        this.aggregates = aggregates;
    }

    /** Market-wide snapshots, oldest first; start optional. */
    Reply general(QueryParams q) {
        Instant end = q.time("end").orElse(data.anchor());
        Instant start = q.time("start").orElse(end.minus(DEFAULT_GENERAL_WINDOW));
        Aggregates.Series s = aggregates.series(Aggregates.SeriesKey.marketWide());
        long equityCents = data.totalWalletEquityCents();
        return page(q, start, end, Aggregates.TEN_MINUTES, 0, false, (g, h) -> {
            g.writeStringProperty("createdAt", JsonOut.time(data.instantAt((long) h * Aggregates.TEN_MINUTES)));
            g.writeNumberProperty("count", s.count[h]);
            g.writeNumberProperty("countLong", s.countLong[h]);
            g.writeNumberProperty("countShort", s.count[h] - s.countLong[h]);
            JsonOut.money(g, "openInterest", s.valueCents[h]);
            JsonOut.money(g, "openInterestLong", s.valueLongCents[h]);
            JsonOut.money(g, "openInterestShort", s.valueCents[h] - s.valueLongCents[h]);
            // wallets' equity plus the unrealized PnL of their open positions at that point
            JsonOut.money(g, "perpEquity", equityCents + s.unrealizedPnlCents[h]);
            g.writeNumberProperty("countInProfit", s.countInProfit[h]);
        });
    }

    Reply coin(Map<String, String> path, QueryParams q) {
        int c = knownCoin(path.get("coin"));
        int recency = q.timeframeSeconds("positionRecencyTimeframe");
        return coinSeries(q, c, Aggregates.SeriesKey.hourly(c, Aggregates.Filter.ALL, 0, recency), null);
    }

    Reply coinSegment(Map<String, String> path, QueryParams q) {
        int c = knownCoin(path.get("coin"));
        int segmentId = QueryParams.integerValue("segmentId", path.get("segmentId"), Cohort.MIN_ID, Cohort.MAX_ID);
        int recency = q.timeframeSeconds("positionRecencyTimeframe");
        return coinSeries(q, c, Aggregates.SeriesKey.hourly(c, Aggregates.Filter.COHORT, segmentId, recency), "segmentId");
    }

    Reply coinSizeBucket(Map<String, String> path, QueryParams q) {
        int c = knownCoin(path.get("coin"));
        int bucketId = QueryParams.integerValue("sizeBucketId", path.get("sizeBucketId"), SizeBucket.MIN_ID, SizeBucket.MAX_ID);
        return coinSeries(q, c, Aggregates.SeriesKey.hourly(c, Aggregates.Filter.SIZE_BUCKET, bucketId, 0), "sizeBucketId");
    }

    /** Hourly perp volume, oldest first: {id, createdAt, volume}. */
    Reply perpVolume(QueryParams q) {
        Instant start = q.requiredTime("start");
        Instant end = q.time("end").orElse(data.anchor());
        long[] volume = aggregates.hourlyVolumeCents();
        return page(q, start, end, Aggregates.HOURLY, 1, false, (g, h) -> {
            g.writeNumberProperty("id", h);
            g.writeStringProperty("createdAt", JsonOut.time(hourTime(h)));
            JsonOut.money(g, "volume", volume[h]);
        });
    }

    /** Per-coin rows, newest first; filterName adds segmentId or sizeBucketId to each row. */
    private Reply coinSeries(QueryParams q, int coin, Aggregates.SeriesKey key, String filterName) {
        Instant start = q.requiredTime("start");
        Instant end = q.time("end").orElse(data.anchor());
        String symbol = data.specs().get(coin).symbol();
        int szd = data.specs().get(coin).szDecimals();
        Aggregates.Series s = aggregates.series(key);
        return page(q, start, end, Aggregates.HOURLY, 0, true, (g, h) -> {
            g.writeStringProperty("createdAt", JsonOut.time(hourTime(h)));
            g.writeStringProperty("coin", symbol);
            if (filterName != null) g.writeNumberProperty(filterName, key.filterId());
            g.writeNumberProperty("positionCount", s.count[h]);
            g.writeNumberProperty("positionCountLong", s.countLong[h]);
            JsonOut.money(g, "totalPositionValue", s.valueCents[h]);
            JsonOut.money(g, "totalPositionValueLong", s.valueLongCents[h]);
            g.writeName("totalPositionSize");
            g.writeNumber(BigDecimal.valueOf(s.lots[h], szd));
            g.writeName("totalPositionSizeLong");
            g.writeNumber(BigDecimal.valueOf(s.lotsLong[h], szd));
            JsonOut.money(g, "totalFunding", s.fundingCents[h]);
            JsonOut.money(g, "totalUnrealizedPnl", s.unrealizedPnlCents[h]);
        });
    }

    /** The coin of a metrics path: case-sensitive; anything else is a 404. */
    private int knownCoin(String symbol) {
        OptionalInt c = data.coinIndex(symbol);
        if (c.isEmpty()) throw ApiError.notFound(symbol);
        return c.getAsInt();
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
    private Reply page(QueryParams q, Instant start, Instant end, int tickSeconds, int firstTick, boolean newestFirst,
                       RowWriter row) {
        int limit = q.integer("limit", MAX_LIMIT, 1, MAX_LIMIT);
        int lastTick = data.anchorSecond() / tickSeconds;
        int from = (int) Math.max(firstTick, ceilDiv(data.secondOf(start), tickSeconds));
        int to = (int) Math.max(-1, Math.min(lastTick, Math.floorDiv(data.secondOf(end), tickSeconds)));
        if (q.first("nextCursor").isPresent()) {
            int resume = cursorTick(q.first("nextCursor").get(), tickSeconds);
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

    private int cursorTick(String cursor, int tickSeconds) {
        JsonNode createdAt = Cursors.decode(cursor).get("createdAt");
        if (createdAt == null || !createdAt.isString()) throw Cursors.invalid();
        Instant t = QueryParams.parseIso8601(createdAt.stringValue()).orElseThrow(Cursors::invalid);
        long second = data.secondOf(t);
        if (second < 0 || second > data.anchorSecond() || second % tickSeconds != 0) throw Cursors.invalid();
        return (int) (second / tickSeconds);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
