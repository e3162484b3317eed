package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;

import dev.hypertracker.mcp.digest.Report.Cut;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * get_open_exposure_by_coin: totals, the coins with the most open value, and per coin the counts by side with the
 * average position per side. Every long has a matching short, so a coin's long value equals its short value and its
 * "% long by value" is always ~50%: the digest never headlines it. totalValue counts both sides, about twice the usual
 * one-sided open interest, and says so.
 */
final class ExposureDigest implements KindDigest {

    /** How many coins the concentration figure covers. */
    static final int CONCENTRATION_TOP = 5;

    private final int top;
    private final TopN<CoinExposure> ranked;
    private final ExactSum totalValue = new ExactSum();
    private long count, countLong, countShort, coinCount;

    ExposureDigest(DigestOptions options) {
        this.top = options.top();
        this.ranked = new TopN<>(Math.max(top, CONCENTRATION_TOP));
    }

    record CoinExposure(
            String coin,
            double totalValue,
            double longValue,
            double shortValue,
            long count,
            long countLong,
            long countShort)
            implements Section.Item {

        Double longPctByCount() {
            return Format.pct(countLong, countLong + countShort);
        }

        /** This server's figure: long value / long positions. */
        Double averageLong() {
            return countLong == 0 ? null : longValue / countLong;
        }

        /** This server's figure: short value / short positions. */
        Double averageShort() {
            return countShort == 0 ? null : shortValue / countShort;
        }

        @Override
        public Map<String, Object> json() {
            return Json.obj(
                    "coin",
                    coin,
                    "totalValue",
                    Format.unrounded(totalValue),
                    "longValue",
                    Format.unrounded(longValue),
                    "shortValue",
                    Format.unrounded(shortValue),
                    "count",
                    count,
                    "countLong",
                    countLong,
                    "countShort",
                    countShort,
                    "longPctByCount",
                    longPctByCount(),
                    "averageLongValue",
                    averageLong(),
                    "averageShortValue",
                    averageShort());
        }

        @Override
        public String line() {
            return coin + " " + money(totalValue) + " both sides (long " + money(longValue) + " / short "
                    + money(shortValue)
                    + "): " + Format.count(countLong) + " longs" + average(averageLong()) + " vs "
                    + Format.count(countShort)
                    + " shorts" + average(averageShort()) + ", " + Format.percent(longPctByCount())
                    + " long by count";
        }

        private static String average(Double v) {
            return v == null ? "" : " avg " + money(v);
        }
    }

    @Override
    public void accept(JsonNode row) {
        double value = Json.numOrZero(row, "totalValue");
        totalValue.add(value);
        long rowCount = (long) Json.numOrZero(row, "count");
        long rowLong = (long) Json.numOrZero(row, "countLong");
        long rowShort = (long) Json.numOrZero(row, "countShort");
        count += rowCount;
        countLong += rowLong;
        countShort += rowShort;
        coinCount++;
        if (ranked.admits(value)) {
            ranked.add(
                    value,
                    new CoinExposure(
                            Json.str(row, "coin"),
                            value,
                            Json.numOrZero(row, "totalValueLong"),
                            Json.numOrZero(row, "totalValueShort"),
                            rowCount,
                            rowLong,
                            rowShort));
        }
    }

    @Override
    public Report finish() {
        List<CoinExposure> best = ranked.ranked();
        ExactSum topValue = new ExactSum();
        for (CoinExposure c : best.subList(0, Math.min(CONCENTRATION_TOP, best.size()))) topValue.add(c.totalValue());
        Double top5Share = Format.pct(topValue.value(), totalValue.value());

        Map<String, Object> fields = Json.obj(
                "totals",
                Json.obj(
                        "totalValue",
                        totalValue.value(),
                        "count",
                        count,
                        "countLong",
                        countLong,
                        "countShort",
                        countShort,
                        "coinCount",
                        coinCount),
                "top5Share",
                top5Share);
        String text = Format.count(coinCount) + " coins, open value " + money(totalValue.value())
                + " counting both sides "
                + "(every long has a matching short: about 2x the usual one-sided open interest) in "
                + Format.count(count)
                + " positions (" + Format.count(countLong) + " long, " + Format.count(countShort) + " short); the top "
                + CONCENTRATION_TOP + " coins hold " + Format.percent(top5Share) + ".";
        List<Section> sections = List.of(
                new Section.Fields(fields, text),
                Section.Listing.of(
                        "coins",
                        "Coins by open value (both sides; long value = short value by construction), positions per "
                                + "side, this server's average per side (value / positions) and long share by count",
                        best.subList(0, Math.min(top, best.size())),
                        "coins"));
        return new Report(sections, List.of(Cut.shorten("coins", 3), Cut.drop("coins")), "lower top");
    }
}
