package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;
import static dev.hypertracker.mcp.digest.Format.round2;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.digest.Report.Cut;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * get_liquidation_risk_by_asset: per coin the API's riskValue and percentRisk for one cohort, in the API's words
 * (value "within 75% of the liquidation threshold"; the vendor does not publish the formula), and their sums over the
 * items fetched (this server's addition). Offset paging (next offset) is added by the summarizer's paging section.
 */
final class LiquidationRiskDigest implements KindDigest {

    private final int top;
    private final Object cohort;
    private final TopN<Item> ranked;
    private final ExactSum valueAtRisk = new ExactSum(), totalValue = new ExactSum();
    static final String API_WORDS =
            "\"within 75% of the liquidation threshold\" (the API's words; formula unpublished)";
    private long fetched;
    private Long totalCount;

    LiquidationRiskDigest(DigestOptions options) {
        this.top = options.top();
        Object segment = options.echo().get("segmentId");
        this.cohort = segment instanceof Number n ? Cohort.labelOf(n.intValue()) : segment;
        this.ranked = new TopN<>(top);
    }

    record Item(String coin, double totalValue, double riskValue, double percentRisk) implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return Json.obj(
                    "coin",
                    coin,
                    "totalValue",
                    Format.unrounded(totalValue),
                    "riskValue",
                    Format.unrounded(riskValue),
                    "percentRisk",
                    Format.unrounded(percentRisk));
        }

        @Override
        public String line() {
            return coin + " percentRisk " + Format.percent(round2(percentRisk)) + ": riskValue " + money(riskValue)
                    + " of " + money(totalValue);
        }
    }

    @Override
    public void accept(JsonNode row) {
        fetched++;
        double value = Json.numOrZero(row, "totalValue");
        double risk = Json.numOrZero(row, "riskValue");
        totalValue.add(value);
        valueAtRisk.add(risk);
        double percent = Json.num(row, "percentRisk");
        if (ranked.admits(percent)) ranked.add(percent, new Item(Json.str(row, "coin"), value, risk, percent));
    }

    @Override
    public void acceptEnvelope(ObjectNode envelope) {
        double count = Json.num(envelope, "totalCount");
        if (!Double.isNaN(count)) totalCount = (long) count;
    }

    @Override
    public Report finish() {
        Map<String, Object> fields = Json.obj(
                "cohort",
                cohort,
                "totalCount",
                totalCount,
                "itemsFetched",
                fetched,
                "valueAtRisk",
                valueAtRisk.value(),
                "totalValue",
                totalValue.value(),
                "percentAtRisk",
                Format.pct(valueAtRisk.value(), totalValue.value()));
        String text = (cohort == null ? "" : cohort + ": ") + Format.count(fetched) + " coins fetched"
                + (totalCount == null ? "" : " of " + Format.count(totalCount)) + "; the API counts "
                + money(valueAtRisk.value())
                + " of their " + money(totalValue.value()) + " open value " + API_WORDS
                + "; summed over these coins by this "
                + "server: " + Format.percent(Format.pct(valueAtRisk.value(), totalValue.value()))
                + " (sum of riskValue / "
                + "sum of totalValue).";
        List<Section> sections = List.of(
                new Section.Fields(fields, text),
                Section.Listing.of("items", "Coins by the API's percentRisk", ranked.ranked(), "coins"));
        return new Report(sections, List.of(Cut.shorten("items", 3), Cut.drop("items")), "lower top or limit");
    }
}
