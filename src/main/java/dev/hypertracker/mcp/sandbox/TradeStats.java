package dev.hypertracker.mcp.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/**
 * The closed-trade summary's statistics over a set of closed trades, in cents and seconds: the sandbox's reading of
 * the figures the vendor names (wins have realized PnL above zero, losses below; ratios of the sums).
 */
final class TradeStats {

    private final long[] pnl, durations, volumeMicros;
    private final long fees;
    private final int longs;

    private TradeStats(long[] pnl, long[] durations, long[] volumeMicros, long fees, int longs) {
        this.pnl = pnl;
        this.durations = durations;
        this.volumeMicros = volumeMicros;
        this.fees = fees;
        this.longs = longs;
    }

    static TradeStats of(TradeFlowEndpoints flow, List<Integer> trades) {
        int n = trades.size();
        long[] pnl = new long[n], durations = new long[n], volume = new long[n];
        long fees = 0;
        int longs = 0;
        PositionTable t = flow.table();
        for (int k = 0; k < n; k++) {
            int i = trades.get(k);
            pnl[k] = flow.realizedPnlCents(i);
            durations[k] = (long) t.closeSecond[i] - t.openSecond[i];
            volume[k] = flow.notionalMicros(i, t.entryPrice[i]);
            fees += flow.feeCents(i, t.entryPrice[i]) + flow.feeCents(i, flow.exitPrice(i));
            if (t.isLong[i]) longs++;
        }
        return new TradeStats(pnl, durations, volume, fees, longs);
    }

    /** Per coin: trades, wins, losses, winRate, netPnl, totalVolumeUsd and volumeSharePct, by volume. */
    static void perCoin(TradeFlowEndpoints flow, List<Integer> trades, JsonGenerator g) {
        Map<String, List<Integer>> byCoin = new LinkedHashMap<>();
        for (int i : trades)
            byCoin.computeIfAbsent(flow.symbol(i), c -> new ArrayList<>()).add(i);
        long totalVolume = of(flow, trades).volume();
        List<Map.Entry<String, TradeStats>> coins = new ArrayList<>();
        byCoin.forEach((coin, list) -> coins.add(Map.entry(coin, of(flow, list))));
        coins.sort((a, b) -> Long.compare(b.getValue().volume(), a.getValue().volume()));
        for (Map.Entry<String, TradeStats> c : coins) {
            TradeStats s = c.getValue();
            g.writeStartObject();
            g.writeStringProperty("coin", c.getKey());
            g.writeNumberProperty("totalTrades", s.pnl.length);
            g.writeNumberProperty("wins", s.wins());
            g.writeNumberProperty("losses", s.losses());
            g.writeNumberProperty("winRate", ratio(s.wins() * 100, s.pnl.length, 2));
            JsonOut.money(g, "netPnl", s.sum(s.pnl, 0));
            JsonOut.value(g, "totalVolumeUsd", s.volume());
            g.writeNumberProperty("volumeSharePct", ratio(s.volume() * 100.0, totalVolume, 2));
            g.writeEndObject();
        }
    }

    long volume() {
        long v = 0;
        for (long m : volumeMicros) v += m;
        return v;
    }

    long wins() {
        return Arrays.stream(pnl).filter(p -> p > 0).count();
    }

    long losses() {
        return Arrays.stream(pnl).filter(p -> p < 0).count();
    }

    /** Sum of the values with this sign (1 positive, -1 negative, 0 all). */
    private long sum(long[] values, int sign) {
        long s = 0;
        for (long v : values) if (sign == 0 || Long.signum(v) == sign) s += v;
        return s;
    }

    private static long median(long[] values) {
        if (values.length == 0) return 0;
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static long[] withSign(long[] values, int sign) {
        return Arrays.stream(values).filter(v -> Long.signum(v) == sign).toArray();
    }

    /** a / b rounded half-up to {@code scale} decimals; 0 when b is 0. */
    static BigDecimal ratio(double a, double b, int scale) {
        return b == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(a / b).setScale(scale, RoundingMode.HALF_UP);
    }

    private static BigDecimal cents(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    void write(JsonGenerator g) {
        int n = pnl.length;
        long wins = wins(), losses = losses();
        long winning = sum(pnl, 1), losing = sum(pnl, -1), net = sum(pnl, 0);
        double avgGain = wins == 0 ? 0 : winning / 100.0 / wins;
        double avgLoss = losses == 0 ? 0 : losing / 100.0 / losses;
        double volume = volume() / 1e6;
        double avgSize = n == 0 ? 0 : volume / n;
        double expectancy = n == 0 ? 0 : net / 100.0 / n;
        g.writeStartObject();
        g.writeNumberProperty("totalTrades", n);
        g.writeNumberProperty("wins", wins);
        g.writeNumberProperty("losses", losses);
        g.writeNumberProperty("winRate", ratio(wins * 100.0, n, 2));
        g.writeNumberProperty("longTrades", longs);
        g.writeNumberProperty("shortTrades", n - longs);
        g.writeNumberProperty(
                "avgDuration", n == 0 ? 0 : Arrays.stream(durations).sum() / n);
        g.writeNumberProperty("medianDuration", median(durations));
        JsonOut.money(g, "totalWinningPnl", winning);
        JsonOut.money(g, "totalLosingPnl", losing);
        JsonOut.money(g, "netPnl", net);
        g.writeNumberProperty("avgGain", ratio(avgGain, 1, 2));
        g.writeNumberProperty("avgLoss", ratio(avgLoss, 1, 2));
        g.writeNumberProperty("medianGain", cents(median(withSign(pnl, 1))));
        g.writeNumberProperty("medianLoss", cents(median(withSign(pnl, -1))));
        g.writeNumberProperty("profitFactor", ratio(winning, Math.abs(losing), 4));
        g.writeNumberProperty("payoffRatio", ratio(avgGain, Math.abs(avgLoss), 4));
        g.writeNumberProperty("expectancy", ratio(expectancy, 1, 2));
        g.writeNumberProperty("expectancyPct", ratio(expectancy * 100, avgSize, 4));
        g.writeNumberProperty("avgTradeSize", ratio(avgSize, 1, 2));
        g.writeNumberProperty("medianSizeUsd", ratio(median(volumeMicros) / 1e6, 1, 2));
        JsonOut.money(g, "totalFeesPaid", fees);
        JsonOut.value(g, "totalVolumeUsd", volume());
        g.writeEndObject();
    }
}
