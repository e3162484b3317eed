package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;
import static dev.hypertracker.mcp.digest.Format.round2;

import java.util.List;
import java.util.Map;

import dev.hypertracker.mcp.digest.Report.Cut;
import tools.jackson.databind.JsonNode;

/**
 * get_open_exposure_by_coin: totals, the coins with the most open value, their long/short split and crowding. At
 * market level every long has a short, so long value is about short value: crowding is measured by position counts.
 */
final class ExposureDigest implements KindDigest {

    /** How many coins the concentration figure covers. */
    static final int CONCENTRATION_TOP = 5;

    private final int top;
    private final TopN<CoinExposure> ranked;
    private double totalValue;
    private long count, coinCount;

    ExposureDigest(DigestOptions options) {
        this.top = options.top();
        this.ranked = new TopN<>(Math.max(top, CONCENTRATION_TOP));
    }

    record CoinExposure(String coin, double totalValue, double longValue, double shortValue, long count, long countLong,
                        long countShort) implements Section.Item {

        Double longPctByCount() {
            return Format.pct(countLong, countLong + countShort);
        }

        @Override
        public Map<String, Object> json() {
            return Json.obj("coin", coin, "totalValue", round2(totalValue), "longValue", round2(longValue),
                    "shortValue", round2(shortValue), "count", count, "countLong", countLong, "countShort", countShort,
                    "longPctByCount", longPctByCount());
        }

        @Override
        public String line() {
            return coin + " " + money(totalValue) + " (long " + money(longValue) + " / short " + money(shortValue) + "), "
                    + Format.count(count) + " positions, " + Format.percent(longPctByCount()) + " long by count";
        }
    }

    @Override
    public void accept(JsonNode row) {
        double value = Json.numOrZero(row, "totalValue");
        totalValue += value;
        long rowCount = (long) Json.numOrZero(row, "count");
        count += rowCount;
        coinCount++;
        if (ranked.admits(value)) {
            ranked.add(value, new CoinExposure(Json.str(row, "coin"), value, Json.numOrZero(row, "totalValueLong"),
                    Json.numOrZero(row, "totalValueShort"), rowCount, (long) Json.numOrZero(row, "countLong"),
                    (long) Json.numOrZero(row, "countShort")));
        }
    }

    @Override
    public Report finish() {
        List<CoinExposure> best = ranked.ranked();
        double topValue = 0;
        for (CoinExposure c : best.subList(0, Math.min(CONCENTRATION_TOP, best.size()))) topValue += c.totalValue();
        Double top5Share = Format.pct(topValue, totalValue);

        Map<String, Object> fields = Json.obj(
                "totals", Json.obj("totalValue", round2(totalValue), "count", count, "coinCount", coinCount),
                "top5Share", top5Share);
        String text = Format.count(coinCount) + " coins, open value " + money(totalValue) + " in " + Format.count(count)
                + " positions; the top " + CONCENTRATION_TOP + " coins hold " + Format.percent(top5Share) + ".";
        List<Section> sections = List.of(new Section.Fields(fields, text),
                Section.Listing.of("coins", "Coins by open value", best.subList(0, Math.min(top, best.size())), "coins"));
        return new Report(sections, List.of(Cut.shorten("coins", 3), Cut.drop("coins")),
                "lower top");
    }
}
