package dev.hypertracker.mcp.sandbox;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the market from a seed. Every draw comes from random streams split off the seed in a fixed
 * order, and transcendental functions come from StrictMath (Math may differ by an ulp between JVMs and
 * CPUs), so the same seed and anchor always give the same market, bit for bit.
 */
final class MarketGenerator {

    private static final double HOURS_PER_YEAR = 24 * 365;
    /** Position notional cap: keeps the largest wallets' positions in the tens of millions. */
    private static final double MAX_NOTIONAL = 60_000_000;

    private static final double LONG_SHARE = 0.55;
    private static final double CROSS_MARGIN_SHARE = 0.7;
    /** Share of positions that are short trades (median 36 h); the rest are held up to 60 days. */
    private static final double SHORT_TRADE_SHARE = 0.7;

    private MarketGenerator() {}

    static MarketData generate(long seed, Instant anchor, int positionCount, int walletCount) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom priceRandom = root.split();
        SplittableRandom walletRandom = root.split();
        SplittableRandom positionRandom = root.split();

        List<CoinSpec> specs = CoinSpec.ALL;
        int hours = MarketData.DAYS * 24;
        double[][] prices = new double[specs.size()][];
        for (int c = 0; c < specs.size(); c++) prices[c] = pricePath(specs.get(c), hours, priceRandom.split());

        String[] address = new String[walletCount];
        long[] equityCents = new long[walletCount];
        long[] pnlCents = new long[walletCount];
        HexFormat hex = HexFormat.of();
        for (int w = 0; w < walletCount; w++) {
            byte[] bytes = new byte[20];
            walletRandom.nextBytes(bytes);
            address[w] = "0x" + hex.formatHex(bytes);
            // log-normal equity: mostly Fish and Dolphins, a few hundred Leviathans per 24k wallets
            double equity = StrictMath.pow(10, clamp(3.8 + 1.15 * gaussian(walletRandom), 0.5, 8.3));
            equityCents[w] = Math.round(equity * 100);
            pnlCents[w] = Math.round(equity * 0.9 * gaussian(walletRandom) * 100);
        }

        PositionTable generated = new PositionTable(positionCount);
        int[] cumulativeWeight = cumulativeWeights(specs);
        for (int i = 0; i < positionCount; i++) {
            generatePosition(generated, i, specs, prices, equityCents, cumulativeWeight, hours, positionRandom);
        }
        PositionTable sorted = sortedByOpenTime(generated);
        balanceOpenSides(sorted, specs);
        return new MarketData(seed, anchor, specs, prices, address, equityCents, pnlCents, sorted);
    }

    /**
     * The market's invariant: every open long has a matching short, so per coin the open long size equals the
     * open short size (and, at one mark price, long value = short value). Positions are drawn one by one, so the
     * lighter side's open positions are scaled up to match the heavier one and the last lots go to its largest
     * position; counts per side and the cohorts' leans stay as drawn. A coin whose open positions are all on one
     * side has its newest one turned round first (at 1x, far from any liquidation). A coin with a single open
     * position cannot balance and is left as is.
     */
    static void balanceOpenSides(PositionTable t, List<CoinSpec> specs) {
        for (int c = 0; c < specs.size(); c++) {
            long longLots = 0;
            long shortLots = 0;
            int openCount = 0;
            int newest = -1;
            for (int i = 0; i < t.size; i++) {
                if (t.coin[i] != c || t.closeSecond[i] != PositionTable.OPEN) continue;
                openCount++;
                newest = i;
                if (t.isLong[i]) longLots += t.lots[i];
                else shortLots += t.lots[i];
            }
            if (openCount < 2) continue;
            if (longLots == 0 || shortLots == 0) {
                turnRound(t, newest, specs.get(c));
                longLots += t.isLong[newest] ? t.lots[newest] : -t.lots[newest];
                shortLots += t.isLong[newest] ? -t.lots[newest] : t.lots[newest];
            }
            if (longLots == shortLots) continue;
            boolean scaleLongs = longLots < shortLots;
            long target = Math.max(longLots, shortLots);
            double factor = (double) target / Math.min(longLots, shortLots);
            long scaled = 0;
            int largest = -1;
            for (int i = 0; i < t.size; i++) {
                if (t.coin[i] != c || t.closeSecond[i] != PositionTable.OPEN || t.isLong[i] != scaleLongs) continue;
                t.lots[i] = Math.max(1, (long) Math.floor(t.lots[i] * factor));
                scaled += t.lots[i];
                if (largest < 0 || t.lots[i] > t.lots[largest]) largest = i;
            }
            t.lots[largest] += target - scaled;
        }
    }

    /** Makes a position the other side's, at 1x leverage, with that side's liquidation price. */
    private static void turnRound(PositionTable t, int i, CoinSpec spec) {
        t.isLong[i] = !t.isLong[i];
        t.leverage[i] = 1;
        double maintenance = 0.5 / spec.maxLeverage();
        double entry = t.entryPrice[i];
        t.liquidationPrice[i] =
                roundPrice(t.isLong[i] ? entry * maintenance : entry * (2 - maintenance), spec.szDecimals());
    }

    private static void generatePosition(
            PositionTable t,
            int i,
            List<CoinSpec> specs,
            double[][] prices,
            long[] equityCents,
            int[] cumulativeWeight,
            int hours,
            SplittableRandom r) {
        int anchorSecond = hours * 3600;
        int w = r.nextInt(equityCents.length);
        int c = pickCoin(cumulativeWeight, r);
        CoinSpec spec = specs.get(c);
        boolean isLong = r.nextDouble() < LONG_SHARE;
        int open = r.nextInt(anchorSecond);
        long duration = r.nextDouble() < SHORT_TRADE_SHARE
                ? Math.round(36 * 3600 * StrictMath.exp(1.3 * gaussian(r)))
                : r.nextLong(60L * 86_400);
        long close = open + Math.max(60, duration);
        double u = r.nextDouble();
        int leverage = 1 + (int) (u * u * (spec.maxLeverage() - 1));
        double margin = equityCents[w] / 100.0 * (0.01 + 0.29 * r.nextDouble());
        double notional = Math.min(margin * leverage, MAX_NOTIONAL);
        int openHour = open / 3600;
        int szd = spec.szDecimals();
        double entry = roundPrice(prices[c][openHour] * (1 + 0.002 * gaussian(r)), szd);
        long lots = Math.max(1, Math.round(notional / entry * powerOfTen(szd)));
        double maintenance = 0.5 / spec.maxLeverage();
        double liquidation = roundPrice(
                isLong ? entry * (1 - 1.0 / leverage + maintenance) : entry * (1 + 1.0 / leverage - maintenance), szd);

        // a position whose hourly price crosses its liquidation price is closed (liquidated) at that hour
        for (int h = openHour + 1; h <= hours && (long) h * 3600 < close; h++) {
            double p = prices[c][h];
            if (isLong ? p <= liquidation : p >= liquidation) {
                close = h * 3600L;
                break;
            }
        }
        t.wallet[i] = w;
        t.coin[i] = (short) c;
        t.isLong[i] = isLong;
        t.cross[i] = r.nextDouble() < CROSS_MARGIN_SHARE;
        t.leverage[i] = (byte) leverage;
        t.lots[i] = lots;
        t.entryPrice[i] = entry;
        t.liquidationPrice[i] = liquidation;
        t.openSecond[i] = open;
        t.closeSecond[i] = close > anchorSecond ? PositionTable.OPEN : (int) close;
    }

    /** Geometric random walk, one step an hour, prices rounded as Hyperliquid lists them. */
    private static double[] pricePath(CoinSpec spec, int hours, SplittableRandom r) {
        double sigma = spec.annualVolatility() / Math.sqrt(HOURS_PER_YEAR);
        double[] path = new double[hours + 1];
        double p = spec.startPrice();
        path[0] = roundPrice(p, spec.szDecimals());
        for (int h = 1; h <= hours; h++) {
            p *= StrictMath.exp(sigma * gaussian(r) - sigma * sigma / 2);
            path[h] = roundPrice(p, spec.szDecimals());
        }
        return path;
    }

    /** 10^-8 .. 10^8: exact scales for rounding, without a transcendental call per price. */
    private static final double[] POWERS_OF_TEN = {
        1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8
    };

    private static double powerOfTen(int exponent) {
        return POWERS_OF_TEN[exponent + 8];
    }

    /** Hyperliquid prices: at most 5 significant figures and at most 6 - szDecimals decimals. */
    static double roundPrice(double price, int szDecimals) {
        double p = Math.max(price, 1e-6);
        int magnitude = -6;
        while (magnitude < 8 && powerOfTen(magnitude + 1) <= p) magnitude++;
        int decimals = Math.min(4 - magnitude, 6 - szDecimals);
        if (decimals < 0) {
            double unit = powerOfTen(-decimals);
            return Math.round(p / unit) * unit;
        }
        double scale = powerOfTen(decimals);
        return Math.max(Math.round(p * scale), 1) / scale;
    }

    /** A standard normal draw (Box-Muller on StrictMath, unlike nextGaussian's Math-based tail). */
    private static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        return Math.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * r.nextDouble());
    }

    private static int[] cumulativeWeights(List<CoinSpec> specs) {
        int[] cumulative = new int[specs.size()];
        int sum = 0;
        for (int c = 0; c < specs.size(); c++)
            cumulative[c] = sum += specs.get(c).weight();
        return cumulative;
    }

    private static int pickCoin(int[] cumulative, SplittableRandom r) {
        int ticket = r.nextInt(cumulative[cumulative.length - 1]);
        int c = 0;
        while (cumulative[c] <= ticket) c++;
        return c;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** The API lists positions by open time; ties keep generation order. */
    private static PositionTable sortedByOpenTime(PositionTable t) {
        long[] keys = new long[t.size];
        for (int i = 0; i < t.size; i++) keys[i] = ((long) t.openSecond[i] << 32) | i;
        Arrays.sort(keys);
        PositionTable sorted = new PositionTable(t.size);
        for (int j = 0; j < t.size; j++) {
            int i = (int) keys[j];
            sorted.wallet[j] = t.wallet[i];
            sorted.coin[j] = t.coin[i];
            sorted.isLong[j] = t.isLong[i];
            sorted.cross[j] = t.cross[i];
            sorted.leverage[j] = t.leverage[i];
            sorted.lots[j] = t.lots[i];
            sorted.entryPrice[j] = t.entryPrice[i];
            sorted.liquidationPrice[j] = t.liquidationPrice[i];
            sorted.openSecond[j] = t.openSecond[i];
            sorted.closeSecond[j] = t.closeSecond[i];
        }
        return sorted;
    }
}
