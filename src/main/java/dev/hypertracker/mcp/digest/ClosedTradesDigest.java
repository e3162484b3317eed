package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;
import static dev.hypertracker.mcp.digest.Format.signedMoney;

import dev.hypertracker.mcp.digest.Report.Cut;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Closed trades (list_closed_trades, and get_closed_trade's one trade): the API's realizedPnlUsd, feeUsd,
 * fundingUsd and totalUsd summed exactly, wins and losses counted, per coin, and the best and worst trades with their
 * full hashes for get_closed_trade and list_closed_trade_fills.
 */
final class ClosedTradesDigest implements KindDigest {

    static final String FORMULA = "sums of the API's realizedPnlUsd, feeUsd, fundingUsd and totalUsd; a win has"
            + " realizedPnlUsd > 0, a loss < 0; winRatePct = wins / trades x 100, by this server";

    /** A trade's fields shown as the API writes them (texts, then numbers), and partial. */
    static final List<String> TEXT_FIELDS =
            List.of("hash", "id", "address", "coin", "side", "openTime", "closeTime", "duration");

    static final List<String> NUMBER_FIELDS = List.of(
            "totalSize",
            "totalUsd",
            "avgEntry",
            "avgExit",
            "realizedPnlUsd",
            "countFills",
            "fee",
            "feeUsd",
            "fundingUsd");

    private final int top;
    private final boolean single;
    private final String asked;
    private long trades, wins, losses, longs, shorts, partial;
    private BigDecimal pnl = BigDecimal.ZERO, winning = BigDecimal.ZERO, losing = BigDecimal.ZERO;
    private BigDecimal fees = BigDecimal.ZERO, funding = BigDecimal.ZERO, volume = BigDecimal.ZERO;
    private final Map<String, long[]> coinCounts = new LinkedHashMap<>();
    private final Map<String, BigDecimal[]> coinSums = new LinkedHashMap<>();
    private final TopN<Trade> best, worst;
    private Trade only;
    private long minOpen = Long.MAX_VALUE, maxClose = Long.MIN_VALUE;

    /** @param single get_closed_trade: the body is one trade, shown whole */
    ClosedTradesDigest(DigestOptions options, boolean single) {
        this.top = options.top();
        this.single = single;
        this.asked = FillsDigest.askedWindow(options);
        this.best = new TopN<>(top);
        this.worst = new TopN<>(top);
    }

    record Trade(Map<String, Object> fields) implements Section.Item {
        static Trade of(JsonNode row) {
            Map<String, Object> f = new LinkedHashMap<>();
            for (String name : TEXT_FIELDS) {
                String v = Json.str(row, name);
                if (v != null) f.put(name, v);
            }
            for (String name : NUMBER_FIELDS) {
                double v = Json.num(row, name);
                if (!Double.isNaN(v)) f.put(name, v);
            }
            JsonNode partial = row.get("partial");
            if (partial != null && partial.isBoolean()) f.put("partial", partial.booleanValue());
            return new Trade(f);
        }

        @Override
        public Map<String, Object> json() {
            return fields;
        }

        double num(String name) {
            return fields.get(name) instanceof Double d ? d : Double.NaN;
        }

        /** Times to the minute, prices to 6 digits, short enough to show the best and the worst. */
        @Override
        public String line() {
            return fields.get("coin") + " " + fields.get("side") + " " + minutes("openTime") + " -> "
                    + minutes("closeTime") + " " + money(num("totalUsd")) + " " + Format.price(num("avgEntry"))
                    + " -> " + Format.price(num("avgExit")) + ": realizedPnlUsd " + signedMoney(num("realizedPnlUsd"))
                    + (Boolean.TRUE.equals(fields.get("partial")) ? " (partial)" : "") + ", hash " + fields.get("hash");
        }

        private String minutes(String field) {
            Object v = fields.get(field);
            long t = v == null ? Long.MIN_VALUE : Json.epochMillis(v.toString());
            return t == Long.MIN_VALUE ? String.valueOf(v) : Format.isoMinutes(t);
        }
    }

    @Override
    public void accept(JsonNode row) {
        // one trade may come wrapped ({"trade":{…}}) or bare
        if (single && row.path("trade").isObject()) row = row.get("trade");
        Trade trade = Trade.of(row);
        if (single) {
            only = trade;
            return;
        }
        trades++;
        BigDecimal p = FillsDigest.decimal(row, "realizedPnlUsd");
        BigDecimal usd = FillsDigest.decimal(row, "totalUsd");
        pnl = pnl.add(p);
        if (p.signum() > 0) {
            wins++;
            winning = winning.add(p);
        } else if (p.signum() < 0) {
            losses++;
            losing = losing.add(p);
        }
        fees = fees.add(FillsDigest.decimal(row, "feeUsd"));
        funding = funding.add(FillsDigest.decimal(row, "fundingUsd"));
        volume = volume.add(usd);
        String side = Json.str(row, "side");
        if ("long".equalsIgnoreCase(side)) longs++;
        else if ("short".equalsIgnoreCase(side)) shorts++;
        if (Boolean.TRUE.equals(trade.fields().get("partial"))) partial++;
        String coin = String.valueOf(Json.str(row, "coin"));
        long[] counts = coinCounts.computeIfAbsent(coin, c -> new long[2]);
        counts[0]++;
        if (p.signum() > 0) counts[1]++;
        BigDecimal[] sums = coinSums.computeIfAbsent(coin, c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        sums[0] = sums[0].add(p);
        sums[1] = sums[1].add(usd);
        long open = Json.epochMillis(row.get("openTime")), close = Json.epochMillis(row.get("closeTime"));
        if (open != Long.MIN_VALUE) minOpen = Math.min(minOpen, open);
        if (close != Long.MIN_VALUE) maxClose = Math.max(maxClose, close);
        double pv = p.doubleValue();
        best.add(pv, trade);
        worst.add(-pv, trade);
    }

    record CoinLine(String coin, long trades, long wins, BigDecimal pnl, BigDecimal volume) implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return Json.obj(
                    "coin", coin,
                    "trades", trades,
                    "wins", wins,
                    "realizedPnl", pnl.doubleValue(),
                    "volume", volume.doubleValue());
        }

        @Override
        public String line() {
            return coin + ": " + trades + " trades, " + wins + " wins, realized " + signedMoney(pnl.doubleValue())
                    + " on " + money(volume.doubleValue());
        }
    }

    @Override
    public Report finish() {
        if (single) return singleTrade();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(
                "totals",
                Json.obj(
                        "trades", trades,
                        "wins", wins,
                        "losses", losses,
                        "longs", longs,
                        "shorts", shorts,
                        "partial", partial,
                        "realizedPnl", pnl.doubleValue(),
                        "winningPnl", winning.doubleValue(),
                        "losingPnl", losing.doubleValue(),
                        "fees", fees.doubleValue(),
                        "funding", funding.doubleValue(),
                        "volume", volume.doubleValue(),
                        "winRatePct", Format.pct(wins, trades)));
        if (trades > 0 && minOpen != Long.MAX_VALUE) fields.put("from", Format.iso(minOpen));
        if (trades > 0 && maxClose != Long.MIN_VALUE) fields.put("to", Format.iso(maxClose));
        String text = Format.count(trades) + " closed trades"
                + (fields.containsKey("to") ? " closing by " + Format.isoMinutes(maxClose) : "") + ": " + wins
                + " wins, " + losses + " losses (win rate " + Format.percent(Format.pct(wins, trades)) + "), "
                + longs + " long / " + shorts + " short; realized " + signedMoney(pnl.doubleValue()) + " (wins "
                + signedMoney(winning.doubleValue()) + ", losses " + signedMoney(losing.doubleValue()) + "), fees "
                + money(fees.doubleValue()) + ", funding " + signedMoney(funding.doubleValue()) + ", volume "
                + money(volume.doubleValue()) + " (" + FORMULA + ")." + asked;
        List<CoinLine> coins = new ArrayList<>();
        coinCounts.forEach((c, n) -> coins.add(new CoinLine(c, n[0], n[1], coinSums.get(c)[0], coinSums.get(c)[1])));
        coins.sort(Comparator.comparing(CoinLine::volume).reversed());
        List<Trade> worstFirst =
                worst.ranked().stream().filter(t -> t.num("realizedPnlUsd") < 0).toList();
        List<Trade> bestFirst =
                best.ranked().stream().filter(t -> t.num("realizedPnlUsd") > 0).toList();
        List<Section> sections = List.of(
                new Section.Fields(fields, text),
                Section.Listing.of(
                        "byCoin", "Per coin by volume", coins.size() > top ? coins.subList(0, top) : coins, "coins"),
                Section.Listing.of("best", "Best trades by realizedPnlUsd", bestFirst, "trades"),
                Section.Listing.of("worst", "Worst trades by realizedPnlUsd", worstFirst, "trades"));
        return new Report(
                sections,
                List.of(
                        Cut.shorten("byCoin", 3),
                        Cut.shorten("best", 3),
                        Cut.shorten("worst", 3),
                        Cut.drop("byCoin"),
                        Cut.shorten("best", 1),
                        Cut.shorten("worst", 1),
                        Cut.drop("best"),
                        Cut.drop("worst")),
                "lower top or narrow the window");
    }

    private Report singleTrade() {
        Map<String, Object> fields = new LinkedHashMap<>();
        String text;
        if (only == null) {
            text = "No trade in the answer.";
        } else {
            fields.put("trade", only.json());
            text = "Closed trade " + only.line() + "; feeUsd " + money(only.num("feeUsd")) + ", fundingUsd "
                    + signedMoney(only.num("fundingUsd")) + ", countFills " + Format.number(only.num("countFills"))
                    + ", address " + only.fields().get("address") + " (the API's figures).";
        }
        return new Report(List.of(new Section.Fields(fields, text)), List.of(), "");
    }
}
