package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;
import static dev.hypertracker.mcp.digest.Format.signedMoney;

import dev.hypertracker.mcp.digest.Report.Cut;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Trade/fill flow (list_fills, list_closed_trade_fills, list_liquidation_fills): buy and sell notional, the API's
 * closedPnl and fee summed, per coin and per wallet, and the largest fills with their full addresses (their hashes,
 * which no follow-up tool takes, only in structuredContent).
 * Notional is this server's figure: px x sz per fill, summed exactly in decimal. Buy is side B, sell side A.
 */
final class FillsDigest implements KindDigest {

    static final String FORMULA = "notional = px x sz per fill, summed by this server; buy = side B, sell = side A;"
            + " closedPnl and fee are the API's, summed";

    private final int top;
    private final boolean liquidations;
    private final boolean startGiven;
    private final String asked;
    private final Tally total = new Tally();
    private final Map<String, Tally> byCoin = new LinkedHashMap<>();
    private final Map<String, Tally> byAddress = new LinkedHashMap<>();
    private final TopN<Fill> largest;
    private final Set<String> liquidatedUsers = new HashSet<>();
    private long liquidationCount;
    private BigDecimal liquidatedNotional = BigDecimal.ZERO;
    private long firstTime = Long.MIN_VALUE, lastTime = Long.MIN_VALUE;
    private long minTime = Long.MAX_VALUE, maxTime = Long.MIN_VALUE;

    /**
     * @param liquidations the liquidation route, whose order depends on whether start was given
     */
    FillsDigest(DigestOptions options, boolean liquidations) {
        this.top = options.top();
        this.liquidations = liquidations;
        this.startGiven = options.echo().containsKey("start");
        this.asked = askedWindow(options);
        this.largest = new TopN<>(top);
    }

    /** Sums of a group of fills, exact in decimal. */
    private static final class Tally {
        long fills;
        BigDecimal buy = BigDecimal.ZERO, sell = BigDecimal.ZERO, closedPnl = BigDecimal.ZERO, fees = BigDecimal.ZERO;

        void add(boolean isBuy, BigDecimal notional, BigDecimal pnl, BigDecimal fee) {
            fills++;
            if (isBuy) buy = buy.add(notional);
            else sell = sell.add(notional);
            closedPnl = closedPnl.add(pnl);
            fees = fees.add(fee);
        }

        BigDecimal notional() {
            return buy.add(sell);
        }
    }

    record Fill(
            String time,
            String address,
            String coin,
            String side,
            String dir,
            double px,
            double sz,
            double notional,
            double closedPnl,
            String hash,
            String liquidatedUser)
            implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return Json.obj(
                    "time", time,
                    "address", address,
                    "coin", coin,
                    "side", side,
                    "dir", dir,
                    "px", Format.unrounded(px),
                    "sz", Format.unrounded(sz),
                    "notional", Format.unrounded(notional),
                    "closedPnl", Format.unrounded(closedPnl),
                    "hash", hash,
                    "liquidatedUser", liquidatedUser);
        }

        @Override
        public String line() {
            return time + " " + coin + " " + (dir != null ? dir : side) + " " + Format.price(sz) + " @ "
                    + Format.price(px) + " = " + money(notional)
                    + (Double.isNaN(closedPnl) || closedPnl == 0 ? "" : ", closedPnl " + signedMoney(closedPnl))
                    + " by " + address
                    + (liquidatedUser == null
                            ? ""
                            : liquidatedUser.equals(address) ? " (liquidated)" : ", liquidated " + liquidatedUser);
        }
    }

    /**
     * The window the call asked for, as sent ("start 2026-03-01T00:00:00.000Z, end not given"), so that a result says
     * what it covers against what was asked; empty when the call named no window.
     */
    static String askedWindow(DigestOptions options) {
        StringBuilder asked = new StringBuilder();
        for (String name : new String[] {"start", "startTime", "end", "endTime"}) {
            Object v = options.echo().get(name);
            if (v != null)
                asked.append(asked.length() == 0 ? "" : ", ")
                        .append(name)
                        .append(' ')
                        .append(v);
        }
        return asked.length() == 0 ? " Asked: no window (the API's default)." : " Asked: " + asked + ".";
    }

    /** A value read as the decimal the API wrote (numbers or numeric strings); 0 when absent. */
    static BigDecimal decimal(JsonNode row, String field) {
        double v = Json.num(row, field);
        return Double.isNaN(v) ? BigDecimal.ZERO : BigDecimal.valueOf(v);
    }

    @Override
    public void accept(JsonNode row) {
        BigDecimal px = decimal(row, "px"), sz = decimal(row, "sz").abs();
        BigDecimal notional = px.multiply(sz);
        BigDecimal pnl = decimal(row, "closedPnl"), fee = decimal(row, "fee");
        String side = Json.str(row, "side");
        boolean isBuy = "B".equalsIgnoreCase(side);
        String coin = String.valueOf(Json.str(row, "coin"));
        String address = String.valueOf(Json.str(row, "address"));
        total.add(isBuy, notional, pnl, fee);
        byCoin.computeIfAbsent(coin, c -> new Tally()).add(isBuy, notional, pnl, fee);
        byAddress.computeIfAbsent(address, a -> new Tally()).add(isBuy, notional, pnl, fee);
        String liquidated = Json.str(row, "liquidatedUser");
        if (liquidated != null) {
            liquidationCount++;
            liquidatedUsers.add(liquidated);
            liquidatedNotional = liquidatedNotional.add(notional);
        }
        long t = Json.epochMillis(row.get("time"));
        if (t != Long.MIN_VALUE) {
            if (firstTime == Long.MIN_VALUE) firstTime = t;
            lastTime = t;
            minTime = Math.min(minTime, t);
            maxTime = Math.max(maxTime, t);
        }
        double n = notional.doubleValue();
        if (largest.admits(n)) {
            largest.add(
                    n,
                    new Fill(
                            t == Long.MIN_VALUE ? Json.str(row, "time") : Format.iso(t),
                            address,
                            coin,
                            side,
                            Json.str(row, "dir"),
                            px.doubleValue(),
                            sz.doubleValue(),
                            n,
                            pnl.doubleValue(),
                            Json.str(row, "hash"),
                            liquidated));
        }
    }

    record Group(String key, String name, Tally t) implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return Json.obj(
                    key,
                    name,
                    "fills",
                    t.fills,
                    "buyNotional",
                    t.buy.doubleValue(),
                    "sellNotional",
                    t.sell.doubleValue(),
                    "closedPnl",
                    t.closedPnl.doubleValue(),
                    "fees",
                    t.fees.doubleValue());
        }

        @Override
        public String line() {
            return name + ": " + Format.count(t.fills) + " fills, buy " + money(t.buy.doubleValue()) + " / sell "
                    + money(t.sell.doubleValue()) + ", closedPnl " + signedMoney(t.closedPnl.doubleValue())
                    + ", fees " + money(t.fees.doubleValue());
        }
    }

    private List<Group> ranked(String key, Map<String, Tally> groups) {
        List<Group> out = new ArrayList<>();
        groups.forEach((name, t) -> out.add(new Group(key, name, t)));
        out.sort(Comparator.comparing((Group g) -> g.t().notional()).reversed());
        return out.size() > top ? out.subList(0, top) : out;
    }

    /**
     * The order the rows came in: as read when the first and last rows' times differ, else the API's documented
     * order (the liquidation route's depends on whether start was given).
     */
    private String order() {
        if (firstTime != lastTime) return firstTime < lastTime ? "oldest first" : "newest first";
        return liquidations && !startGiven ? "newest first" : "oldest first";
    }

    @Override
    public Report finish() {
        Map<String, Object> totals = Json.obj(
                "fills", total.fills,
                "notional", total.notional().doubleValue(),
                "buyNotional", total.buy.doubleValue(),
                "sellNotional", total.sell.doubleValue(),
                "netBuyNotional", total.buy.subtract(total.sell).doubleValue(),
                "closedPnl", total.closedPnl.doubleValue(),
                "fees", total.fees.doubleValue(),
                "coins", byCoin.size(),
                "addresses", byAddress.size());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("totals", totals);
        fields.put("order", order());
        if (total.fills > 0) {
            fields.put("from", Format.iso(minTime));
            fields.put("to", Format.iso(maxTime));
        }
        StringBuilder text = new StringBuilder();
        text.append(Format.count(total.fills)).append(" fills");
        if (total.fills > 0) {
            text.append(" from ")
                    .append(Format.isoMinutes(minTime))
                    .append(" to ")
                    .append(Format.isoMinutes(maxTime))
                    .append(", read ")
                    .append(order());
        }
        text.append(
                        liquidations
                                ? " (the API lists liquidation fills newest first without start, oldest first with it)"
                                : "")
                .append(". Notional ")
                .append(money(total.notional().doubleValue()))
                .append(": buy ")
                .append(money(total.buy.doubleValue()))
                .append(", sell ")
                .append(money(total.sell.doubleValue()))
                .append(", net buy ")
                .append(signedMoney(total.buy.subtract(total.sell).doubleValue()))
                .append("; closedPnl ")
                .append(signedMoney(total.closedPnl.doubleValue()))
                .append(", fees ")
                .append(money(total.fees.doubleValue()))
                .append(" (")
                .append(FORMULA)
                .append(").")
                .append(asked);
        if (liquidationCount > 0) {
            fields.put(
                    "liquidations",
                    Json.obj(
                            "fills",
                            liquidationCount,
                            "liquidatedUsers",
                            (long) liquidatedUsers.size(),
                            "notional",
                            liquidatedNotional.doubleValue()));
            text.append(" Liquidation fills: ")
                    .append(Format.count(liquidationCount))
                    .append(", of ")
                    .append(Format.count(liquidatedUsers.size()))
                    .append(" distinct liquidated wallets, ")
                    .append(money(liquidatedNotional.doubleValue()))
                    .append(" notional.");
        }
        List<Section> sections = List.of(
                new Section.Fields(fields, text.toString()),
                Section.Listing.of("byCoin", "Per coin by notional", ranked("coin", byCoin), "coins"),
                Section.Listing.of("byAddress", "Per wallet by notional", ranked("address", byAddress), "wallets"),
                Section.Listing.of("largest", "Largest fills by notional", largest.ranked(), "fills"));
        return new Report(
                sections,
                List.of(
                        Cut.shorten("byAddress", 3),
                        Cut.shorten("largest", 3),
                        Cut.drop("byAddress"),
                        Cut.shorten("byCoin", 3),
                        Cut.drop("byCoin"),
                        Cut.drop("largest")),
                "lower top, or narrow the window or coins");
    }
}
