package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;

import dev.hypertracker.mcp.digest.Report.Cut;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * list_open_orders and export_open_orders: the resting book of each coin by price band around its mid, and the
 * trigger orders (stops, take-profits) apart, since their limit price is not where they rest. Sums are exact decimals
 * of the API's strings. Orders are held as price levels (one tally per distinct price and side), so memory follows the
 * book's depth, not the order count.
 */
final class OrderBookDigest implements KindDigest {

    static final String FORMULA = "this server's figures: mid = (highest resting bid + lowest resting ask) / 2 "
            + "(one side only: its best price); band = |limitPx / mid - 1|; notional = limitPx x sz "
            + "(trigger orders: triggerPx x sz); sums over the orders read";

    /** Upper edges of the bands, in percent of the mid; the last band is open. */
    static final double[] BAND_EDGES_PCT = {0.5, 1, 2, 5, 10};

    private final int top;
    private final Map<String, Book> books = new TreeMap<>();
    private final Map<String, Tally> triggers = new TreeMap<>();
    private final TreeSet<String> snapshots = new TreeSet<>();
    private long read, resting, trigger, unreadable;

    OrderBookDigest(DigestOptions options) {
        this.top = options.top();
    }

    /** Count, size and notional of some orders, exact. */
    static final class Tally {
        long count;
        BigDecimal size = BigDecimal.ZERO, notional = BigDecimal.ZERO;

        void add(BigDecimal px, BigDecimal sz) {
            count++;
            size = size.add(sz);
            notional = notional.add(px.multiply(sz));
        }

        void add(Tally t) {
            count += t.count;
            size = size.add(t.size);
            notional = notional.add(t.notional);
        }
    }

    /** One coin's resting orders by side and price. */
    private static final class Book {
        final TreeMap<BigDecimal, Tally> bids = new TreeMap<>(), asks = new TreeMap<>();
    }

    @Override
    public void accept(JsonNode row) {
        read++;
        String snapshot = Json.str(row, "snapshotTs");
        if (snapshot != null && snapshots.size() < 3) snapshots.add(snapshot);
        String coin = Json.str(row, "coin");
        String side = Json.str(row, "side");
        BigDecimal sz = Json.decimal(row.get("sz"));
        boolean isTrigger = "true".equals(Json.str(row, "isTrigger"));
        // a row without a readable price or size is counted in unreadableOrders, which the digest states
        BigDecimal px = Json.decimal(row.get(isTrigger ? "triggerPx" : "limitPx"));
        boolean bid = "B".equals(side);
        if (coin == null || sz == null || px == null || (!bid && !"A".equals(side))) {
            unreadable++;
            return;
        }
        if (isTrigger) {
            trigger++;
            String type = Json.str(row, "orderType");
            triggers.computeIfAbsent(coin + "|" + type + "|" + side, k -> new Tally())
                    .add(px, sz);
            return;
        }
        resting++;
        Book book = books.computeIfAbsent(coin, k -> new Book());
        (bid ? book.bids : book.asks).computeIfAbsent(px, k -> new Tally()).add(px, sz);
    }

    record Band(String band, Tally bids, Tally asks) {
        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>(Json.obj("band", band));
            json.putAll(sides(bids, asks));
            return json;
        }
    }

    /** Count, size and notional of each side, under bid… and ask… keys. */
    static Map<String, Object> sides(Tally bids, Tally asks) {
        return Json.obj(
                "bidCount",
                bids.count,
                "bidSize",
                bids.size.doubleValue(),
                "bidNotional",
                bids.notional.doubleValue(),
                "askCount",
                asks.count,
                "askSize",
                asks.size.doubleValue(),
                "askNotional",
                asks.notional.doubleValue());
    }

    record CoinBook(
            String coin,
            BigDecimal mid,
            BigDecimal bestBid,
            BigDecimal bestAsk,
            Tally bids,
            Tally asks,
            List<Band> bands)
            implements Section.Item {
        BigDecimal notional() {
            return bids.notional.add(asks.notional);
        }

        @Override
        public Object json() {
            List<Object> bandJson = new ArrayList<>();
            for (Band b : bands) bandJson.add(b.json());
            Map<String, Object> json = new LinkedHashMap<>(Json.obj(
                    "coin",
                    coin,
                    "mid",
                    mid == null ? null : mid.doubleValue(),
                    "bestBid",
                    bestBid == null ? null : bestBid.doubleValue(),
                    "bestAsk",
                    bestAsk == null ? null : bestAsk.doubleValue()));
            json.putAll(sides(bids, asks));
            json.put("bands", bandJson);
            return json;
        }

        @Override
        public String line() {
            StringBuilder sb = new StringBuilder(coin)
                    .append(" mid ")
                    .append(mid == null ? "n/a" : Format.price(mid.doubleValue()))
                    .append(": bids ")
                    .append(Format.count(bids.count))
                    .append(" orders ")
                    .append(money(bids.notional.doubleValue()))
                    .append(", asks ")
                    .append(Format.count(asks.count))
                    .append(" orders ")
                    .append(money(asks.notional.doubleValue()))
                    .append(". By band (bid/ask notional):");
            for (Band b : bands) {
                if (b.bids.count + b.asks.count == 0) continue;
                sb.append(' ')
                        .append(b.band)
                        .append(' ')
                        .append(money(b.bids.notional.doubleValue()))
                        .append('/')
                        .append(money(b.asks.notional.doubleValue()))
                        .append(';');
            }
            sb.setLength(sb.length() - 1);
            return sb.append('.').toString();
        }
    }

    record TriggerGroup(String coin, String orderType, String side, Tally tally) implements Section.Item {
        @Override
        public Object json() {
            return Json.obj(
                    "coin",
                    coin,
                    "orderType",
                    orderType,
                    "side",
                    side,
                    "count",
                    tally.count,
                    "size",
                    tally.size.doubleValue(),
                    "notional",
                    tally.notional.doubleValue());
        }

        @Override
        public String line() {
            return coin + " " + orderType + " " + ("B".equals(side) ? "buy" : "sell") + ": "
                    + plural(tally.count, "order")
                    + ", size " + Format.number(tally.size.doubleValue()) + ", "
                    + money(tally.notional.doubleValue());
        }
    }

    private static String plural(long n, String noun) {
        return Format.count(n) + " " + noun + (n == 1 ? "" : "s");
    }

    static String bandName(int i) {
        if (i == 0) return "0-" + pct(BAND_EDGES_PCT[0]) + "%";
        if (i == BAND_EDGES_PCT.length) return ">" + pct(BAND_EDGES_PCT[i - 1]) + "%";
        return pct(BAND_EDGES_PCT[i - 1]) + "-" + pct(BAND_EDGES_PCT[i]) + "%";
    }

    private static String pct(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * The band of a price: the first whose edge is above |px / mid - 1| in percent (an edge belongs to the next band),
     * compared in decimal so that a price exactly on an edge lands in the band the formula says.
     */
    static int bandOf(BigDecimal px, BigDecimal mid) {
        BigDecimal distancePct = px.divide(mid, MathContext.DECIMAL128)
                .subtract(BigDecimal.ONE)
                .abs()
                .movePointRight(2);
        for (int i = 0; i < BAND_EDGES_PCT.length; i++)
            if (distancePct.compareTo(BigDecimal.valueOf(BAND_EDGES_PCT[i])) < 0) return i;
        return BAND_EDGES_PCT.length;
    }

    private static CoinBook coinBook(String coin, Book book) {
        BigDecimal bestBid = book.bids.isEmpty() ? null : book.bids.lastKey();
        BigDecimal bestAsk = book.asks.isEmpty() ? null : book.asks.firstKey();
        BigDecimal mid = bestBid != null && bestAsk != null
                ? bestBid.add(bestAsk).divide(BigDecimal.valueOf(2))
                : bestBid != null ? bestBid : bestAsk;
        List<Band> bands = new ArrayList<>();
        for (int i = 0; i <= BAND_EDGES_PCT.length; i++) bands.add(new Band(bandName(i), new Tally(), new Tally()));
        Tally bids = new Tally(), asks = new Tally();
        book.bids.forEach((px, t) -> {
            bids.add(t);
            bands.get(bandOf(px, mid)).bids.add(t);
        });
        book.asks.forEach((px, t) -> {
            asks.add(t);
            bands.get(bandOf(px, mid)).asks.add(t);
        });
        return new CoinBook(coin, mid, bestBid, bestAsk, bids, asks, bands);
    }

    @Override
    public Report finish() {
        List<CoinBook> coins = new ArrayList<>();
        books.forEach((coin, book) -> coins.add(coinBook(coin, book)));
        coins.sort(Comparator.comparing(CoinBook::notional).reversed().thenComparing(CoinBook::coin));
        List<TriggerGroup> groups = new ArrayList<>();
        triggers.forEach((key, tally) -> {
            String[] parts = key.split("\\|", 3);
            groups.add(new TriggerGroup(parts[0], parts[1], parts[2], tally));
        });
        groups.sort(Comparator.comparing((TriggerGroup g) -> g.tally.notional).reversed());
        Tally restingTotal = new Tally(), triggerTotal = new Tally();
        coins.forEach(c -> {
            restingTotal.add(c.bids);
            restingTotal.add(c.asks);
        });
        groups.forEach(g -> triggerTotal.add(g.tally));
        Map<String, Object> fields = new LinkedHashMap<>(Json.obj(
                "snapshotTs",
                snapshots.size() == 1 ? snapshots.first() : null,
                "ordersRead",
                read,
                "restingOrders",
                resting,
                "restingNotional",
                restingTotal.notional.doubleValue(),
                "triggerOrders",
                trigger,
                "triggerNotional",
                triggerTotal.notional.doubleValue(),
                "unreadableOrders",
                unreadable == 0 ? null : unreadable,
                "coinCount",
                (long) coins.size(),
                "formula",
                FORMULA));
        String text = Format.count(read) + " open orders read"
                + (snapshots.size() == 1 ? " (snapshot " + snapshots.first() + ")" : "") + ": "
                + Format.count(resting) + " resting, " + money(restingTotal.notional.doubleValue()) + " notional, on "
                + plural(coins.size(), "coin") + "; " + Format.count(trigger) + " trigger orders, "
                + money(triggerTotal.notional.doubleValue())
                + (unreadable == 0 ? "" : "; " + unreadable + " unreadable rows skipped")
                + ". Figures are " + FORMULA.replace("this server's figures: ", "this server's: ") + ".";
        List<CoinBook> shownCoins = coins.subList(0, Math.min(top, coins.size()));
        List<TriggerGroup> shownTriggers = groups.subList(0, Math.min(top, groups.size()));
        List<Section> sections = List.of(
                new Section.Fields(fields, text),
                new Section.Listing(
                        "coins",
                        "Resting book by coin, largest notional first",
                        Section.Layout.BULLETS,
                        shownCoins,
                        null,
                        "coins",
                        coins.size()),
                new Section.Listing(
                        "triggers",
                        "Trigger orders (not resting at their price) by coin, type and side",
                        Section.Layout.BULLETS,
                        shownTriggers,
                        null,
                        "trigger groups",
                        groups.size()));
        return new Report(
                sections,
                List.of(
                        Cut.shorten("triggers", 3),
                        Cut.shorten("coins", 3),
                        Cut.drop("triggers"),
                        Cut.shorten("coins", 1)),
                "give a coin, or lower top");
    }
}
