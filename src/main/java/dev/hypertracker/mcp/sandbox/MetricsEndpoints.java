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
 * The hourly time series: market-wide overview, per coin, per coin and cohort, per coin and size bucket,
 * and perp volume. One row per hour tick of the data window; rows are cursor-paged.
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
        Aggregates.Series s = aggregates.series(new Aggregates.SeriesKey(-1, Aggregates.Filter.ALL, 0, 0));
        long equityCents = data.totalWalletEquityCents();
        return page(q, start, end, 0, false, (g, h) -> {
            g.writeStringProperty("createdAt", JsonOut.time(hourTime(h)));
            g.writeNumberProperty("count", s.count[h]);
            g.writeNumberProperty("countLong", s.countLong[h]);
            g.writeNumberProperty("countShort", s.count[h] - s.countLong[h]);
            JsonOut.money(g, "openInterest", s.valueCents[h]);
            JsonOut.money(g, "openInterestLong", s.valueLongCents[h]);
            JsonOut.money(g, "openInterestShort", s.valueCents[h] - s.valueLongCents[h]);
            // wallets' equity plus the unrealized PnL of their open positions at that hour
            JsonOut.money(g, "perpEquity", equityCents + s.unrealizedPnlCents[h]);
            g.writeNumberProperty("countInProfit", s.countInProfit[h]);
        });
    }

    Reply coin(Map<String, String> path, QueryParams q) {
        int c = knownCoin(path.get("coin"));
        int recency = q.timeframeSeconds("positionRecencyTimeframe");
        return coinSeries(q, c, new Aggregates.SeriesKey(c, Aggregates.Filter.ALL, 0, recency), null);
    }

    Reply coinSegment(Map<String, String> path, QueryParams q) {
        int c = knownCoin(path.get("coin"));
        int segmentId = QueryParams.integerValue("segmentId", path.get("segmentId"), Cohort.MIN_ID, Cohort.MAX_ID);
        int recency = q.timeframeSeconds("positionRecencyTimeframe");
        return coinSeries(q, c, new Aggregates.SeriesKey(c, Aggregates.Filter.COHORT, segmentId, recency), "segmentId");
    }

    Reply coinSizeBucket(Map<String, String> path, QueryParams q) {
        int c = knownCoin(path.get("coin"));
        int bucketId = QueryParams.integerValue("sizeBucketId", path.get("sizeBucketId"), SizeBucket.MIN_ID, SizeBucket.MAX_ID);
        return coinSeries(q, c, new Aggregates.SeriesKey(c, Aggregates.Filter.SIZE_BUCKET, bucketId, 0), "sizeBucketId");
    }

    /** Hourly perp volume, oldest first: {id, createdAt, volume}. */
    Reply perpVolume(QueryParams q) {
        Instant start = q.requiredTime("start");
        Instant end = q.time("end").orElse(data.anchor());
        long[] volume = aggregates.hourlyVolumeCents();
        return page(q, start, end, 1, false, (g, h) -> {
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
        return page(q, start, end, 0, true, (g, h) -> {
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
        void write(JsonGenerator g, int hour);
    }

    /**
     * One page of hourly rows within [start, end] (and the data window from firstHour on), in the given
     * order; the cursor names the next row's time.
     */
    private Reply page(QueryParams q, Instant start, Instant end, int firstHour, boolean newestFirst, RowWriter row) {
        int limit = q.integer("limit", MAX_LIMIT, 1, MAX_LIMIT);
        int from = (int) Math.max(firstHour, ceilDiv(data.secondOf(start), 3600));
        int to = (int) Math.min(data.hours(), Math.floorDiv(data.secondOf(end), 3600));
        if (q.first("nextCursor").isPresent()) {
            int resume = cursorHour(q.first("nextCursor").get());
            if (newestFirst) to = Math.min(to, resume);
            else from = Math.max(from, resume);
        }
        int rows = Math.max(0, Math.min(limit, to - from + 1));
        int first = newestFirst ? to : from;
        int step = newestFirst ? -1 : 1;
        int nextHour = first + rows * step;
        boolean more = newestFirst ? nextHour >= from : nextHour <= to;
        String nextCursor = rows > 0 && more ? Cursors.seriesRow(hourTime(nextHour)) : null;
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeName("metrics");
            g.writeStartArray();
            for (int r = 0, h = first; r < rows; r++, h += step) {
                g.writeStartObject();
                row.write(g, h);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringProperty("nextCursor", nextCursor);
            g.writeEndObject();
        }));
    }

    private int cursorHour(String cursor) {
        JsonNode createdAt = Cursors.decode(cursor).get("createdAt");
        if (createdAt == null || !createdAt.isString()) throw Cursors.invalid();
        Instant t = QueryParams.parseIso8601(createdAt.stringValue()).orElseThrow(Cursors::invalid);
        long second = data.secondOf(t);
        if (second < 0 || second > data.anchorSecond() || second % 3600 != 0) throw Cursors.invalid();
        return (int) (second / 3600);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
