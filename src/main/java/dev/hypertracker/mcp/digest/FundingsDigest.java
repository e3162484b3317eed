package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;
import static dev.hypertracker.mcp.digest.Format.signedMoney;

import dev.hypertracker.mcp.digest.Report.Cut;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Funding sums (list_fundings): the API's fundingAmount summed exactly per coin and in total, split into paid (the
 * negative amounts) and received (the positive ones), with the mean fundingRate per coin.
 */
final class FundingsDigest implements KindDigest {

    static final String SIGN = "net = sum of the API's fundingAmount; paid = sum of its negative amounts, received ="
            + " sum of its positive ones (the API does not document the sign; on Hyperliquid a negative amount is"
            + " funding the wallet paid)";

    private final int top;
    private final String asked;
    private final Sums total = new Sums();
    private final Map<String, Sums> byCoin = new LinkedHashMap<>();
    private long minTime = Long.MAX_VALUE, maxTime = Long.MIN_VALUE;

    FundingsDigest(DigestOptions options) {
        this.top = options.top();
        this.asked =
                FillsDigest.askedWindow(options).replace("the API's default", "the API's default, the last 7 days");
    }

    private static final class Sums {
        long count, rates;
        BigDecimal paid = BigDecimal.ZERO, received = BigDecimal.ZERO, rateSum = BigDecimal.ZERO;
        double lastSzi = Double.NaN;
        long lastTime = Long.MIN_VALUE;

        void add(BigDecimal amount, double rate, double szi, long time) {
            count++;
            if (amount.signum() < 0) paid = paid.add(amount);
            else received = received.add(amount);
            if (!Double.isNaN(rate)) {
                rates++;
                rateSum = rateSum.add(BigDecimal.valueOf(rate));
            }
            if (time >= lastTime) {
                lastTime = time;
                lastSzi = szi;
            }
        }

        BigDecimal net() {
            return paid.add(received);
        }

        Double meanRate() {
            return rates == 0
                    ? null
                    : rateSum.divide(BigDecimal.valueOf(rates), MathContext.DECIMAL64)
                            .doubleValue();
        }
    }

    record Coin(String coin, Sums s) implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return Json.obj(
                    "coin", coin,
                    "payments", s.count,
                    "netFunding", s.net().doubleValue(),
                    "paid", s.paid.doubleValue(),
                    "received", s.received.doubleValue(),
                    "meanFundingRate", s.meanRate(),
                    "lastSzi", Format.unrounded(s.lastSzi));
        }

        @Override
        public String line() {
            Double rate = s.meanRate();
            return coin + ": net " + signedMoney(s.net().doubleValue()) + " over " + Format.count(s.count)
                    + " payments (paid " + money(s.paid.doubleValue()) + ", received "
                    + money(s.received.doubleValue()) + "), mean fundingRate "
                    + (rate == null
                            ? "n/a"
                            : new BigDecimal(rate).round(new MathContext(4)).toPlainString())
                    + (Double.isNaN(s.lastSzi) ? "" : ", last szi " + Format.price(s.lastSzi));
        }
    }

    @Override
    public void accept(JsonNode row) {
        BigDecimal amount = FillsDigest.decimal(row, "fundingAmount");
        long t = Json.epochMillis(row.get("time"));
        if (t != Long.MIN_VALUE) {
            minTime = Math.min(minTime, t);
            maxTime = Math.max(maxTime, t);
        }
        double rate = Json.num(row, "fundingRate"), szi = Json.num(row, "szi");
        total.add(amount, rate, szi, t);
        byCoin.computeIfAbsent(String.valueOf(Json.str(row, "coin")), c -> new Sums())
                .add(amount, rate, szi, t);
    }

    @Override
    public Report finish() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(
                "totals",
                Json.obj(
                        "payments", total.count,
                        "netFunding", total.net().doubleValue(),
                        "paid", total.paid.doubleValue(),
                        "received", total.received.doubleValue(),
                        "coins", byCoin.size()));
        if (total.count > 0) {
            fields.put("from", Format.iso(minTime));
            fields.put("to", Format.iso(maxTime));
        }
        fields.put("signConvention", SIGN);
        String text = "Funding: net " + signedMoney(total.net().doubleValue()) + " over " + Format.count(total.count)
                + " payments"
                + (total.count > 0 ? " from " + Format.isoMinutes(minTime) + " to " + Format.isoMinutes(maxTime) : "")
                + " on " + byCoin.size() + (byCoin.size() == 1 ? " coin" : " coins") + "; paid "
                + money(total.paid.doubleValue()) + ", received " + money(total.received.doubleValue()) + " (" + SIGN
                + ")." + asked;
        List<Coin> coins = new ArrayList<>();
        byCoin.forEach((c, s) -> coins.add(new Coin(c, s)));
        coins.sort(Comparator.comparing((Coin c) -> c.s().net().abs()).reversed());
        List<Section> sections = List.of(
                new Section.Fields(fields, text),
                Section.Listing.of(
                        "byCoin",
                        "Per coin by size of net funding",
                        coins.size() > top ? coins.subList(0, top) : coins,
                        "coins"));
        return new Report(sections, List.of(Cut.shorten("byCoin", 3), Cut.drop("byCoin")), "lower top or narrow coin");
    }
}
