package dev.hypertracker.mcp.briefs;

import static dev.hypertracker.mcp.digest.Format.count;
import static dev.hypertracker.mcp.digest.Format.money;
import static dev.hypertracker.mcp.digest.Format.percent;

import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.digest.ExactSum;
import dev.hypertracker.mcp.digest.Format;
import dev.hypertracker.mcp.validation.ArgumentValidator;
import dev.hypertracker.mcp.validation.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * get_coin_brief: "what is going on with BTC" in one call, from 4 reads at most (each the single tool's own cached
 * request): open value rank and counts by side, every cohort's lean, the liquidation clusters, the open value trend.
 */
final class CoinBrief implements Brief<String> {
    static final String NAME = "get_coin_brief";
    static final int LIQUIDATION_BINS = 5;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Coin brief";
    }

    @Override
    public String description() {
        return "One coin in one call: rank by open value, value and positions by side, every cohort's lean (size and "
                + "PnL axes apart), top liquidation price bins, open value change over 24 h and 7 d. Each section names "
                + "its source tool. <=4 API requests, cached.";
    }

    @Override
    public String subjectArgument() {
        return "coin";
    }

    @Override
    public Map<String, Object> subjectSchema() {
        return Map.of("type", "string", "description", "Case-sensitive symbol: BTC, kPEPE, xyz:GOLD (HIP-3).");
    }

    @Override
    public String subject(Object raw) {
        if (!(raw instanceof String s) || !ArgumentValidator.COIN.matcher(s).matches())
            throw new InvalidArgumentException(
                    "coin", "is not a coin symbol (BTC, kPEPE, xyz:GOLD); got " + BriefTool.shown(raw) + ".");
        return s;
    }

    @Override
    public Map<String, Object> subjectFields(String coin) {
        return Map.of("coin", coin);
    }

    @Override
    public String headline(String coin) {
        return coin + " brief (current open positions snapshot, plus the open value series for the trend):";
    }

    @Override
    public int plannedReads() {
        return 4;
    }

    @Override
    public List<BriefSection> sections(String coin, BriefUpstream upstream) {
        List<BriefSection> sections = new ArrayList<>();
        BriefSection market = Sections.guarded(
                "market",
                "Open value and positions",
                Catalog.GET_OPEN_EXPOSURE_BY_COIN.tool(),
                () -> market(coin, upstream.read(Catalog.GET_OPEN_EXPOSURE_BY_COIN, Map.of())));
        sections.add(market);
        if (Boolean.FALSE.equals(market.fields().get("found"))) return sections; // no positions: nothing else to read
        sections.add(Sections.guarded(
                "cohorts",
                "Every cohort's lean on " + coin,
                Catalog.GET_POSITIONS_HEATMAP.tool(),
                () -> CohortLeans.onCoin(coin, upstream.read(Catalog.GET_POSITIONS_HEATMAP, Map.of()))));
        sections.add(Sections.guarded(
                "liquidations",
                "Where liquidations cluster",
                Catalog.EXPORT_LIQUIDATION_HEATMAP.tool(),
                () -> liquidations(upstream.read(Catalog.EXPORT_LIQUIDATION_HEATMAP, Map.of("coin", coin)))));
        sections.add(Sections.guarded(
                "openValueTrend",
                "Open value trend",
                Catalog.GET_COIN_POSITION_METRICS.tool(),
                () -> trend(coin, upstream)));
        return sections;
    }

    private static BriefSection market(String coin, BriefUpstream.Read read) {
        List<JsonNode> rows = new ArrayList<>(read.rows());
        rows.sort(Comparator.comparingDouble((JsonNode r) -> Sections.num(r, "totalValue"))
                .reversed());
        String covers = "current open positions, all " + count(rows.size()) + " coins";
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            if (!coin.equals(Sections.str(row, "coin"))) continue;
            double total = Sections.num(row, "totalValue");
            double longValue = Sections.num(row, "totalValueLong");
            double shortValue = Sections.num(row, "totalValueShort");
            long n = (long) Sections.num(row, "count");
            long nLong = (long) Sections.num(row, "countLong");
            long nShort = (long) Sections.num(row, "countShort");
            Double longPctByCount = Format.pct(nLong, nLong + nShort);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("found", true);
            fields.put("rank", i + 1);
            fields.put("coinCount", rows.size());
            fields.put("totalValue", total);
            fields.put("totalValueLong", longValue);
            fields.put("totalValueShort", shortValue);
            fields.put("count", n);
            fields.put("countLong", nLong);
            fields.put("countShort", nShort);
            fields.put("longPctByCount", longPctByCount);
            fields.put("averageLongValue", nLong == 0 ? null : longValue / nLong);
            fields.put("averageShortValue", nShort == 0 ? null : shortValue / nShort);
            List<String> head = List.of(
                    coin + " ranks #" + (i + 1) + " of " + count(rows.size()) + " coins by open value: "
                            + money(total)
                            + " counting both sides (long " + money(longValue) + ", short " + money(shortValue)
                            + "; every long has a matching short, so this is ~2x the one-sided open interest).",
                    count(n) + " positions: " + count(nLong) + " long (" + percent(longPctByCount)
                            + " by count), " + count(nShort) + " short. Average position: long "
                            + average(longValue, nLong) + ", short " + average(shortValue, nShort)
                            + " (side value / side positions, this server's formula).");
            return BriefSection.of(
                    "market",
                    "Open value and positions",
                    read.endpoint().tool(),
                    covers,
                    head,
                    fields,
                    null,
                    List.of());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("found", false);
        fields.put("coinCount", rows.size());
        return BriefSection.of(
                "market",
                "Open value and positions",
                read.endpoint().tool(),
                covers,
                List.of("Not found: " + coin + " has no open positions (symbols are case-sensitive: BTC, kPEPE, "
                        + "xyz:GOLD). Nothing else was read."),
                fields,
                null,
                List.of());
    }

    private static String average(double value, long positions) {
        return positions == 0 ? "none" : money(value / positions);
    }

    private static BriefSection liquidations(BriefUpstream.Read read) {
        ExactSum total = new ExactSum();
        long positions = 0;
        List<JsonNode> bins = new ArrayList<>(read.rows());
        for (JsonNode bin : bins) {
            total.add(Sections.num(bin, "liquidationValue"));
            positions += (long) Sections.num(bin, "positionsCount");
        }
        bins.sort(Comparator.comparingDouble((JsonNode b) -> Sections.num(b, "liquidationValue"))
                .reversed());
        List<BriefSection.Item> items = new ArrayList<>();
        for (JsonNode bin : bins.subList(0, Math.min(LIQUIDATION_BINS, bins.size()))) {
            double value = Sections.num(bin, "liquidationValue");
            double start = Sections.num(bin, "priceBinStart");
            double end = Sections.num(bin, "priceBinEnd");
            long n = (long) Sections.num(bin, "positionsCount");
            JsonNode impacted = bin.get("mostImpactedSegment");
            Integer cohort = impacted != null && impacted.isNumber() ? impacted.intValue() : null;
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("priceBinStart", start);
            json.put("priceBinEnd", end);
            json.put("liquidationValue", value);
            json.put("positionsCount", n);
            json.put("mostImpactedSegment", cohort);
            items.add(new BriefSection.Item(
                    Format.price(start) + "-" + Format.price(end) + ": " + money(value) + " ("
                            + percent(Format.pct(value, total.value())) + "), " + count(n) + " positions"
                            + (cohort == null ? "" : ", most impacted " + Cohort.labelOf(cohort)),
                    json));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("liquidationValue", total.value());
        fields.put("positionsCount", positions);
        fields.put("binCount", bins.size());
        List<String> head = List.of(money(total.value()) + " of liquidation value over " + count(positions)
                + " positions in " + count(bins.size()) + " price bins; the " + items.size()
                + " bins with the most:");
        return BriefSection.of(
                "liquidations",
                "Where liquidations cluster",
                read.endpoint().tool(),
                "the export file, all " + count(bins.size()) + " bins",
                head,
                fields,
                "bins",
                items);
    }

    private static BriefSection trend(String coin, BriefUpstream upstream) {
        BriefUpstream.Read read = upstream.read(
                Catalog.GET_COIN_POSITION_METRICS,
                Map.of("coin", coin, "start", upstream.windowStart(Trends.WEEK), "maxPages", 1));
        return Trends.section(
                "openValueTrend",
                "Open value trend",
                read,
                "totalPositionValue",
                "Open value (the API's totalPositionValue: long and short positions together)");
    }
}
