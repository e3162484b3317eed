package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;
import static dev.hypertracker.mcp.digest.Format.round2;

import java.util.List;
import java.util.Map;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.digest.Report.Cut;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * get_liquidation_risk_by_asset: the coins where most of one cohort's value is near liquidation, and the value at
 * risk over the items fetched. Offset paging (next offset) is added by the summarizer's paging section.
 */
final class LiquidationRiskDigest implements KindDigest {

    private final int top;
    private final Object cohort;
    private final TopN<Item> ranked;
    private double valueAtRisk, totalValue;
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
            return Json.obj("coin", coin, "totalValue", round2(totalValue), "riskValue", round2(riskValue),
                    "percentRisk", round2(percentRisk));
        }

        @Override
        public String line() {
            return coin + " " + Format.percent(round2(percentRisk)) + " at risk: " + money(riskValue) + " of " + money(totalValue);
        }
    }

    @Override
    public void accept(JsonNode row) {
        fetched++;
        double value = Json.numOrZero(row, "totalValue");
        double risk = Json.numOrZero(row, "riskValue");
        totalValue += value;
        valueAtRisk += risk;
        double percent = Json.num(row, "percentRisk");
        if (ranked.admits(percent)) ranked.add(percent, new Item(Json.str(row, "coin"), value, risk, percent));
    }

    @Override
    public void acceptEnvelope(ObjectNode envelope) {
        if (envelope.path("totalCount").isNumber()) totalCount = envelope.path("totalCount").longValue();
    }

    @Override
    public Report finish() {
        Map<String, Object> fields = Json.obj("cohort", cohort, "totalCount", totalCount, "itemsFetched", fetched,
                "valueAtRisk", round2(valueAtRisk), "totalValue", round2(totalValue),
                "percentAtRisk", Format.pct(valueAtRisk, totalValue));
        String text = (cohort == null ? "" : cohort + ": ") + Format.count(fetched) + " coins fetched"
                + (totalCount == null ? "" : " of " + Format.count(totalCount)) + "; " + money(valueAtRisk)
                + " near liquidation of " + money(totalValue) + " (" + Format.percent(Format.pct(valueAtRisk, totalValue))
                + ").";
        List<Section> sections = List.of(new Section.Fields(fields, text),
                Section.Listing.of("items", "Coins by share of value near liquidation", ranked.ranked(), "coins"));
        return new Report(sections, List.of(Cut.shorten("items", 3), Cut.drop("items")),
                "lower top or limit");
    }
}
