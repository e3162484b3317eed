package dev.hypertracker.mcp.sandbox;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.SizeBucket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the API aggregates from positions, computed on first use and cached: exposure snapshots at an
 * hour, metric series (every 15 minutes per coin, every 10 minutes market-wide), hourly volume. Each figure uses the
 * same per-position valuation as the position rows, so the newest series point equals the sums over the
 * open positions exactly.
 */
final class Aggregates {

    /** Snapshot slots: 0 = all positions of the coin, 1..16 = cohort id, 17..26 = size bucket 1..10. */
    static final int ALL = 0;

    static final int BUCKET_OFFSET = Cohort.MAX_ID;
    static final int SLOTS = BUCKET_OFFSET + SizeBucket.MAX_ID + 1;

    private static final SizeBucket[] BUCKETS = SizeBucket.values();
    private static final int SERIES_CACHE_SIZE = 128;

    private final MarketData data;
    private final Map<Long, Exposure[][]> snapshots = new ConcurrentHashMap<>();
    private final Map<SeriesKey, Series> series = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SeriesKey, Series> eldest) {
            return size() > SERIES_CACHE_SIZE;
        }
    };
    private volatile long[] volumeCents;

    Aggregates(MarketData data) {
        this.data = data;
    }

    static int bucketId(long valueMicros) {
        double value = valueMicros / 1e6;
        for (SizeBucket b : BUCKETS) if (value >= b.min() && value < b.max()) return b.id();
        return SizeBucket.MAX_ID;
    }

    /**
     * exposure[coin][slot] of the positions open at an hour, valued at that hour's price.
     *
     * @param openedWithinSeconds only positions opened at most this long before the hour; 0 for all
     */
    Exposure[][] snapshot(int hour, int openedWithinSeconds) {
        return snapshots.computeIfAbsent(
                ((long) hour << 32) | openedWithinSeconds, k -> computeSnapshot(hour, openedWithinSeconds));
    }

    private Exposure[][] computeSnapshot(int hour, int openedWithinSeconds) {
        PositionTable t = data.table;
        int coins = data.specs().size();
        Exposure[][] result = new Exposure[coins][SLOTS];
        for (Exposure[] row : result) for (int s = 0; s < SLOTS; s++) row[s] = new Exposure();
        int second = hour * 3600;
        for (int i = 0; i < t.size && t.openSecond[i] <= second; i++) {
            if (!t.isOpenAt(i, second)) continue;
            if (openedWithinSeconds > 0 && second - t.openSecond[i] > openedWithinSeconds) continue;
            int c = t.coin[i];
            double price = data.priceAtHour(c, hour);
            long value = t.valueMicros(i, data.specs().get(c).szDecimals(), price);
            boolean risk = t.atRisk(i, price);
            Exposure[] row = result[c];
            row[ALL].add(t.isLong[i], value, risk);
            row[data.sizeCohortId(i)].add(t.isLong[i], value, risk);
            row[data.pnlCohortId(i)].add(t.isLong[i], value, risk);
            row[BUCKET_OFFSET + bucketId(value)].add(t.isLong[i], value, risk);
        }
        return result;
    }

    /** Which positions a series counts. */
    enum Filter {
        ALL,
        COHORT,
        SIZE_BUCKET
    }

    /** Seconds between the points of the per-coin series. */
    static final int HOURLY = 3600;
    /** Seconds between the points of the per-coin series: the API's "about every 15 min" data update. */
    static final int PER_COIN_UPDATE = 900;
    /** Seconds between the points of the market-wide series: the API's "about every 10 min". */
    static final int TEN_MINUTES = 600;

    /**
     * @param coin           coin index, or -1 for the market-wide series
     * @param filterId       cohort id or size bucket id, unused for ALL
     * @param recencySeconds count only positions opened at most this long before each point; 0 for all
     * @param tickSeconds    seconds between points, a divisor of an hour: prices stay hourly, so the points
     *                       within an hour value positions at that hour's price
     */
    record SeriesKey(int coin, Filter filter, int filterId, int recencySeconds, int tickSeconds) {
        /** A per-coin series as the API serves it: a point per data update. */
        static SeriesKey perCoin(int coin, Filter filter, int filterId, int recencySeconds) {
            return new SeriesKey(coin, filter, filterId, recencySeconds, PER_COIN_UPDATE);
        }

        /** Hourly points, as the position-metrics export file has them. */
        static SeriesKey hourly(int coin) {
            return new SeriesKey(coin, Filter.ALL, 0, 0, HOURLY);
        }

        static SeriesKey marketWide() {
            return new SeriesKey(-1, Filter.ALL, 0, 0, TEN_MINUTES);
        }
    }

    /** Totals per point, index = ticks since the data start; the last index is the anchor. */
    static final class Series {
        final int[] count;
        final int[] countLong;
        final int[] countInProfit;
        final long[] valueMicros;
        final long[] valueLongMicros;
        final long[] lots;
        final long[] lotsLong;
        final long[] fundingCents;
        final long[] unrealizedPnlCents;

        /** One spare slot: until {@link #integrate}, all but funding hold differences between points. */
        Series(int points) {
            count = new int[points + 1];
            countLong = new int[points + 1];
            countInProfit = new int[points + 1];
            valueMicros = new long[points + 1];
            valueLongMicros = new long[points + 1];
            lots = new long[points + 1];
            lotsLong = new long[points + 1];
            fundingCents = new long[points + 1];
            unrealizedPnlCents = new long[points + 1];
        }

        /** Adds one position's figures to every point from lo to hi (inclusive), as differences. */
        void addRange(int lo, int hi, boolean isLong, long value, long positionLots, long pnl) {
            count[lo]++;
            count[hi + 1]--;
            valueMicros[lo] += value;
            valueMicros[hi + 1] -= value;
            lots[lo] += positionLots;
            lots[hi + 1] -= positionLots;
            unrealizedPnlCents[lo] += pnl;
            unrealizedPnlCents[hi + 1] -= pnl;
            if (pnl > 0) {
                countInProfit[lo]++;
                countInProfit[hi + 1]--;
            }
            if (isLong) {
                countLong[lo]++;
                countLong[hi + 1]--;
                valueLongMicros[lo] += value;
                valueLongMicros[hi + 1] -= value;
                lotsLong[lo] += positionLots;
                lotsLong[hi + 1] -= positionLots;
            }
        }

        /** Turns the differences into totals. */
        void integrate() {
            for (int k = 1; k < count.length; k++) {
                count[k] += count[k - 1];
                countLong[k] += countLong[k - 1];
                countInProfit[k] += countInProfit[k - 1];
                valueMicros[k] += valueMicros[k - 1];
                valueLongMicros[k] += valueLongMicros[k - 1];
                lots[k] += lots[k - 1];
                lotsLong[k] += lotsLong[k - 1];
                unrealizedPnlCents[k] += unrealizedPnlCents[k - 1];
            }
        }
    }

    Series series(SeriesKey key) {
        synchronized (series) {
            Series cached = series.get(key);
            if (cached != null) return cached;
        }
        Series computed = computeSeries(key);
        synchronized (series) {
            series.putIfAbsent(key, computed);
        }
        return computed;
    }

    /**
     * Walks each position's open hours: prices are hourly, so its value and PnL are constant over the points
     * within an hour and go in as one range. Funding accrues by the second, so it is added point by point,
     * and only for the per-coin series that show it.
     */
    private Series computeSeries(SeriesKey key) {
        PositionTable t = data.table;
        int tick = key.tickSeconds();
        int ticksPerHour = HOURLY / tick;
        int lastPoint = data.anchorSecond() / tick;
        boolean withFunding = key.coin() >= 0;
        Series s = new Series(lastPoint + 1);
        int[] members = key.coin() < 0 ? null : data.positionsByCoin[key.coin()];
        int n = members == null ? t.size : members.length;
        for (int m = 0; m < n; m++) {
            int i = members == null ? m : members[m];
            if (key.filter() == Filter.COHORT
                    && data.sizeCohortId(i) != key.filterId()
                    && data.pnlCohortId(i) != key.filterId()) continue;
            int c = t.coin[i];
            CoinSpec spec = data.specs().get(c);
            int szd = spec.szDecimals();
            int open = t.openSecond[i];
            int first = (open + tick - 1) / tick;
            int last = t.closeSecond[i] == PositionTable.OPEN
                    ? lastPoint
                    : Math.min(lastPoint, (t.closeSecond[i] - 1) / tick);
            if (key.recencySeconds() > 0) last = Math.min(last, (open + key.recencySeconds()) / tick);
            for (int h = first / ticksPerHour; h * ticksPerHour <= last; h++) {
                int lo = Math.max(first, h * ticksPerHour);
                int hi = Math.min(last, h * ticksPerHour + ticksPerHour - 1);
                double price = data.priceAtHour(c, h);
                long value = t.valueMicros(i, szd, price);
                if (key.filter() == Filter.SIZE_BUCKET && bucketId(value) != key.filterId()) continue;
                s.addRange(lo, hi, t.isLong[i], value, t.lots[i], t.unrealizedPnlCents(i, szd, price));
                if (withFunding) {
                    for (int k = lo; k <= hi; k++)
                        s.fundingCents[k] += t.fundingCents(i, szd, spec.hourlyFunding(), k * tick);
                }
            }
        }
        s.integrate();
        return s;
    }

    /**
     * Perp volume per hour: entry notional of the positions opened and exit value of the positions closed
     * in the hour ending at each tick (index 0 is empty).
     */
    long[] hourlyVolumeMicros() {
        long[] v = volumeCents;
        if (v != null) return v;
        PositionTable t = data.table;
        long[] result = new long[data.hours() + 1];
        for (int i = 0; i < t.size; i++) {
            int c = t.coin[i];
            int szd = data.specs().get(c).szDecimals();
            result[t.openSecond[i] / 3600 + 1] += t.valueMicros(i, szd, t.entryPrice[i]);
            if (t.closeSecond[i] != PositionTable.OPEN) {
                int closeHour = (t.closeSecond[i] + 3599) / 3600;
                result[closeHour] += t.valueMicros(i, szd, data.priceAtHour(c, t.closeSecond[i] / 3600));
            }
        }
        volumeCents = result;
        return result;
    }
}
