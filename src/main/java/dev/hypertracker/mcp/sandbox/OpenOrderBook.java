package dev.hypertracker.mcp.sandbox;

import dev.hypertracker.mcp.catalog.OrderEndpoints;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The sandbox's open orders: one snapshot every 5 minutes (the newest at the anchor), each generated from the seed and
 * the snapshot time alone, around every coin's price at that time (resting bids below it, asks above, trigger orders
 * on both sides). Public as ground truth for tests.
 */
public final class OpenOrderBook {

    /** The API's order types for trigger orders. */
    private static final String[] TRIGGER_TYPES = {
        "Stop Market", "Stop Limit", "Take Profit Market", "Take Profit Limit"
    };

    private static final String[] TIFS = {"Gtc", "Gtc", "Gtc", "Alo", "Ioc"};

    private OpenOrderBook() {}

    /** One open order as the API shows it; prices and sizes are exact decimals (written as strings). */
    public record Order(
            long height,
            String address,
            long oid,
            String coin,
            String side,
            BigDecimal limitPx,
            BigDecimal sz,
            Instant timestamp,
            String triggerCondition,
            boolean isTrigger,
            BigDecimal triggerPx,
            boolean isPositionTpsl,
            boolean reduceOnly,
            String orderType,
            BigDecimal origSz,
            String tif,
            String cloid,
            String builder,
            Integer builderFee,
            Instant snapshotTs) {
        public boolean isBid() {
            return side.equals("B");
        }
    }

    /** The newest snapshot: the market's anchor (on the hour, so on the 5-minute grid). */
    public static Instant latest(MarketData data) {
        return data.anchor();
    }

    /** Whether the sandbox keeps a snapshot at this time: on the grid, not after the anchor, within retention and floor. */
    static boolean kept(MarketData data, Instant t) {
        return onGrid(t)
                && !t.isAfter(latest(data))
                && !t.isBefore(OrderEndpoints.SNAPSHOT_FLOOR)
                && !t.isBefore(latest(data).minus(OrderEndpoints.SNAPSHOT_RETENTION));
    }

    static boolean onGrid(Instant t) {
        return t.toEpochMilli() % OrderEndpoints.SNAPSHOT_INTERVAL.toMillis() == 0;
    }

    /** Every open order of the snapshot at {@code snapshot}, coin by coin, in oid order. */
    public static List<Order> at(MarketData data, Instant snapshot) {
        List<Order> orders = new ArrayList<>();
        List<CoinSpec> specs = data.specs();
        List<MarketData.Wallet> wallets = data.wallets();
        long slot = snapshot.getEpochSecond() / 300;
        for (int c = 0; c < specs.size(); c++) {
            CoinSpec spec = specs.get(c);
            SplittableRandom r = new SplittableRandom(data.seed() * 1_000_003L + slot * 7_919L + c);
            double price = data.price(spec.symbol(), snapshot);
            int count = 20 + r.nextInt(60);
            for (int i = 0; i < count; i++) {
                long oid = 300_000_000_000L + (slot % 1_000_000) * 100_000 + c * 1_000L + i;
                String address = wallets.get(r.nextInt(wallets.size())).address();
                boolean bid = r.nextBoolean();
                // distance from the price: most orders near it, a few far (0.05% to ~15%)
                double distance = 0.0005 + Math.pow(r.nextDouble(), 3) * 0.15;
                double notional = Math.exp(Math.log(50) + r.nextDouble() * (Math.log(400_000) - Math.log(50)));
                BigDecimal sz = size(notional / price, spec.szDecimals());
                Instant placed = snapshot.minusSeconds(r.nextInt(7 * 86_400));
                boolean trigger = r.nextInt(100) < 15;
                String builder = r.nextInt(5) == 0 ? builder(r) : null;
                Integer builderFee = builder == null ? null : 10 + r.nextInt(90);
                if (!trigger) {
                    BigDecimal px = price(price * (bid ? 1 - distance : 1 + distance), spec.szDecimals());
                    orders.add(new Order(
                            height(placed),
                            address,
                            oid,
                            spec.symbol(),
                            bid ? "B" : "A",
                            px,
                            sz,
                            placed,
                            "N/A",
                            false,
                            BigDecimal.ZERO,
                            false,
                            r.nextInt(10) == 0,
                            "Limit",
                            sz,
                            TIFS[r.nextInt(TIFS.length)],
                            r.nextInt(4) == 0 ? cloid(r) : null,
                            builder,
                            builderFee,
                            snapshot));
                    continue;
                }
                String type = TRIGGER_TYPES[r.nextInt(TRIGGER_TYPES.length)];
                boolean stop = type.startsWith("Stop");
                // a stop buys above the price and sells below; a take-profit the reverse
                boolean above = stop == bid;
                BigDecimal triggerPx = price(price * (above ? 1 + distance : 1 - distance), spec.szDecimals());
                BigDecimal limitPx = type.endsWith("Market")
                        ? price(triggerPx.doubleValue() * (bid ? 1.1 : 0.9), spec.szDecimals())
                        : triggerPx;
                orders.add(new Order(
                        height(placed),
                        address,
                        oid,
                        spec.symbol(),
                        bid ? "B" : "A",
                        limitPx,
                        sz,
                        placed,
                        "Price " + (above ? "above " : "below ") + triggerPx.toPlainString(),
                        true,
                        triggerPx,
                        r.nextBoolean(),
                        true,
                        type,
                        sz,
                        null,
                        null,
                        builder,
                        builderFee,
                        snapshot));
            }
        }
        return orders;
    }

    private static BigDecimal price(double p, int szDecimals) {
        return new BigDecimal(JsonOut.plain(MarketGenerator.roundPrice(p, szDecimals)));
    }

    /** A size in whole lots of the coin (at least one). */
    private static BigDecimal size(double units, int szDecimals) {
        long lots = Math.max(1, Math.round(units * Math.pow(10, szDecimals)));
        return BigDecimal.valueOf(lots, szDecimals);
    }

    private static long height(Instant placed) {
        return 600_000_000L + placed.getEpochSecond() / 2;
    }

    private static String cloid(SplittableRandom r) {
        return String.format("0x%016x%016x", r.nextLong(), r.nextLong());
    }

    private static String builder(SplittableRandom r) {
        return String.format("0x%040x", new java.math.BigInteger(1, longBytes(r)));
    }

    private static byte[] longBytes(SplittableRandom r) {
        byte[] b = new byte[20];
        r.nextBytes(b);
        return b;
    }
}
