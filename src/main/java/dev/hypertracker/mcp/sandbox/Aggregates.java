package dev.hypertracker.mcp.sandbox;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.SizeBucket;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the API aggregates from positions, computed on first use and cached: exposure snapshots at an
 * hour, hourly metric series, hourly volume. Each figure uses the same per-position valuation as the
 * position rows, so the newest series point equals the sums over the open positions exactly.
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
        @Override protected boolean removeEldestEntry(Map.Entry<SeriesKey, Series> eldest) {
            return size() > SERIES_CACHE_SIZE;
        }
    };
    private volatile long[] volumeCents;

    Aggregates(MarketData data) {
        this.data = data;
    }

    static int bucketId(long valueCents) {
        double value = valueCents / 100.0;
        for (SizeBucket b : BUCKETS) if (value >= b.min() && value < b.max()) return b.id();
        return SizeBucket.MAX_ID;
    }

    /**
     * exposure[coin][slot] of the positions open at an hour, valued at that hour's price.
     *
     * @param openedWithinSeconds only positions opened at most this long before the hour; 0 for all
     */
    Exposure[][] snapshot(int hour, int openedWithinSeconds) {
        return snapshots.computeIfAbsent(((long) hour << 32) | openedWithinSeconds,
                k -> computeSnapshot(hour, openedWithinSeconds));
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
            long value = t.valueCents(i, data.specs().get(c).szDecimals(), price);
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
    enum Filter { ALL, COHORT, SIZE_BUCKET }

    /**
     * @param coin     coin index, or -1 for the market-wide series
     * @param filterId cohort id or size bucket id, unused for ALL
     * @param recencySeconds count only positions opened at most this long before each hour; 0 for all
     */
    record SeriesKey(int coin, Filter filter, int filterId, int recencySeconds) {}

    /** Hourly totals, index = hours since the data start; the last index is the anchor. */
    static final class Series {
        final int[] count;
        final int[] countLong;
        final int[] countInProfit;
        final long[] valueCents;
        final long[] valueLongCents;
        final long[] lots;
        final long[] lotsLong;
        final long[] fundingCents;
        final long[] unrealizedPnlCents;

        Series(int points) {
            count = new int[points];
            countLong = new int[points];
            countInProfit = new int[points];
            valueCents = new long[points];
            valueLongCents = new long[points];
            lots = new long[points];
            lotsLong = new long[points];
            fundingCents = new long[points];
            unrealizedPnlCents = new long[points];
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

    private Series computeSeries(SeriesKey key) {
        PositionTable t = data.table;
        int hours = data.hours();
        Series s = new Series(hours + 1);
        int[] members = key.coin() < 0 ? null : data.positionsByCoin[key.coin()];
        int n = members == null ? t.size : members.length;
        for (int k = 0; k < n; k++) {
            int i = members == null ? k : members[k];
            if (key.filter() == Filter.COHORT
                    && data.sizeCohortId(i) != key.filterId() && data.pnlCohortId(i) != key.filterId()) continue;
            int c = t.coin[i];
            CoinSpec spec = data.specs().get(c);
            int szd = spec.szDecimals();
            int firstHour = (t.openSecond[i] + 3599) / 3600;
            int lastHour = t.closeSecond[i] == PositionTable.OPEN ? hours : Math.min(hours, (t.closeSecond[i] - 1) / 3600);
            for (int h = firstHour; h <= lastHour; h++) {
                if (key.recencySeconds() > 0 && h * 3600 - t.openSecond[i] > key.recencySeconds()) break;
                double price = data.priceAtHour(c, h);
                long value = t.valueCents(i, szd, price);
                if (key.filter() == Filter.SIZE_BUCKET && bucketId(value) != key.filterId()) continue;
                long pnl = t.unrealizedPnlCents(i, szd, price);
                s.count[h]++;
                s.valueCents[h] += value;
                s.lots[h] += t.lots[i];
                s.fundingCents[h] += t.fundingCents(i, szd, spec.hourlyFunding(), h * 3600);
                s.unrealizedPnlCents[h] += pnl;
                if (pnl > 0) s.countInProfit[h]++;
                if (t.isLong[i]) {
                    s.countLong[h]++;
                    s.valueLongCents[h] += value;
                    s.lotsLong[h] += t.lots[i];
                }
            }
        }
        return s;
    }

    /**
     * Perp volume per hour: entry notional of the positions opened and exit value of the positions closed
     * in the hour ending at each tick (index 0 is empty).
     */
    long[] hourlyVolumeCents() {
        long[] v = volumeCents;
        if (v != null) return v;
        PositionTable t = data.table;
        long[] result = new long[data.hours() + 1];
        for (int i = 0; i < t.size; i++) {
            int c = t.coin[i];
            int szd = data.specs().get(c).szDecimals();
            result[t.openSecond[i] / 3600 + 1] += t.valueCents(i, szd, t.entryPrice[i]);
            if (t.closeSecond[i] != PositionTable.OPEN) {
                int closeHour = (t.closeSecond[i] + 3599) / 3600;
                result[closeHour] += t.valueCents(i, szd, data.priceAtHour(c, t.closeSecond[i] / 3600));
            }
        }
        volumeCents = result;
        return result;
    }
}
