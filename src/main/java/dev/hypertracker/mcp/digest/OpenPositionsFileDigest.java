package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.digest.Report.Cut;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * export_open_positions: the summary the client made of the coin's open-positions CSV while it streamed (file
 * coverage, exact totals per side, per cohort of each axis, the largest positions and those with the highest
 * liquidationProgress). Values are |value| per side; liquidationProgress is the API's column, formula unpublished.
 */
final class OpenPositionsFileDigest implements KindDigest {

    /** The file's totals this digest shows, and the numeric columns of a kept position. */
    static final List<String> TOTALS = List.of(
            "count",
            "longCount",
            "shortCount",
            "unknownSideCount",
            "longValue",
            "shortValue",
            "longUnrealizedPnl",
            "shortUnrealizedPnl",
            "funding",
            "withoutCohort");

    static final List<String> POSITION_NUMBERS = List.of(
            "value",
            "size",
            "entryPrice",
            "unrealizedPnl",
            "liquidationPrice",
            "liquidationProgress",
            "profile_sizeSegmentId",
            "profile_perpPnlSegmentId");

    private final int top;
    private final List<JsonNode> largest = new ArrayList<>();
    private ObjectNode envelope;

    OpenPositionsFileDigest(DigestOptions options) {
        this.top = options.top();
    }

    @Override
    public void accept(JsonNode row) {
        if (largest.size() < top) largest.add(row);
    }

    @Override
    public void acceptEnvelope(ObjectNode envelope) {
        if (this.envelope == null) this.envelope = envelope;
    }

    private record Row(Map<String, Object> json, String line) implements Section.Item {}

    private static Row position(JsonNode r) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (String f : List.of("coin", "side", "address", "openTime")) {
            String v = Json.str(r, f);
            if (v != null) json.put(f, v);
        }
        for (String f : POSITION_NUMBERS) {
            BigDecimal v = RankedListDigest.decimal(r, f);
            if (v != null) json.put(f, v);
        }
        StringBuilder line = new StringBuilder();
        line.append(json.getOrDefault("side", "?")).append(' ');
        if (json.get("value") instanceof BigDecimal v) line.append(money(v.abs().doubleValue()));
        if (json.get("size") instanceof BigDecimal s)
            line.append(" (").append(s.stripTrailingZeros().toPlainString()).append(')');
        if (json.get("entryPrice") instanceof BigDecimal e)
            line.append(" entry ").append(e.stripTrailingZeros().toPlainString());
        if (json.get("unrealizedPnl") instanceof BigDecimal u)
            line.append(" uPnL ").append(Format.signedMoney(u.doubleValue()));
        if (json.get("liquidationProgress") instanceof BigDecimal p)
            line.append(" liquidationProgress ").append(p.stripTrailingZeros().toPlainString());
        if (json.get("liquidationPrice") instanceof BigDecimal l)
            line.append(" liq ").append(l.stripTrailingZeros().toPlainString());
        List<String> cohorts = new ArrayList<>();
        for (String f : List.of("profile_sizeSegmentId", "profile_perpPnlSegmentId"))
            if (json.get(f) instanceof BigDecimal id) cohorts.add(Cohort.labelOf(id.intValue()));
        if (!cohorts.isEmpty())
            line.append(" [").append(String.join(", ", cohorts)).append(']');
        if (json.get("address") != null) line.append(' ').append(json.get("address"));
        return new Row(json, line.toString());
    }

    @Override
    public Report finish() {
        ObjectNode env = envelope == null ? Json.MAPPER.createObjectNode() : envelope;
        JsonNode file = env.path("file");
        JsonNode totals = env.path("totals");
        Map<String, Object> fileJson = new LinkedHashMap<>();
        for (String f : List.of("rowsRead", "bytesRead", "rowCap", "unreadableValues"))
            if (file.has(f)) fileJson.put(f, file.get(f).asLong());
        boolean complete = file.path("complete").asBoolean(false);
        fileJson.put("complete", complete);
        Map<String, Object> totalsJson = new LinkedHashMap<>();
        for (String f : TOTALS) {
            BigDecimal v = RankedListDigest.decimal(totals, f);
            if (v != null) totalsJson.put(f, v);
        }
        String coin = Json.str(env, "coin");
        Map<String, Object> fields = Json.obj("coin", coin, "file", fileJson, "totals", totalsJson);
        double longValue = num(totalsJson, "longValue"), shortValue = num(totalsJson, "shortValue");
        StringBuilder text = new StringBuilder();
        text.append(coin == null ? "The file" : coin + ": the file")
                .append(complete ? " was read whole: " : " was read only up to its first ")
                .append(Format.count(file.path("rowsRead").asLong()))
                .append(complete ? " open positions" : " rows (the row cap); totals cover those rows only")
                .append(" in ")
                .append(Format.number(file.path("bytesRead").asLong() / 1e6))
                .append(" MB. Long ")
                .append(Format.count((long) num(totalsJson, "longCount")))
                .append(" worth ")
                .append(money(longValue))
                .append(" (uPnL ")
                .append(Format.signedMoney(num(totalsJson, "longUnrealizedPnl")))
                .append("); short ")
                .append(Format.count((long) num(totalsJson, "shortCount")))
                .append(" worth ")
                .append(money(shortValue))
                .append(" (uPnL ")
                .append(Format.signedMoney(num(totalsJson, "shortUnrealizedPnl")))
                .append("); funding ")
                .append(Format.signedMoney(num(totalsJson, "funding")))
                .append(". |value| summed per side by this server; longs and shorts match in value market-wide, so the"
                        + " lean is in the cohorts.");
        List<Section> sections = new ArrayList<>();
        sections.add(new Section.Fields(fields, text.toString()));
        List<Row> cohorts = new ArrayList<>();
        for (JsonNode c : env.path("cohorts").values()) {
            int id = c.path("segmentId").asInt();
            BigDecimal lv = RankedListDigest.decimal(c, "longValue"), sv = RankedListDigest.decimal(c, "shortValue");
            if (lv == null || sv == null) continue;
            BigDecimal total = lv.add(sv);
            Double longPct = total.signum() == 0 ? null : Format.pct(lv.doubleValue(), total.doubleValue());
            String axis = Json.str(c, "axis");
            cohorts.add(new Row(
                    Json.obj(
                            "segmentId",
                            id,
                            "axis",
                            axis,
                            "count",
                            c.path("count").asLong(),
                            "longValue",
                            lv,
                            "shortValue",
                            sv,
                            "longPct",
                            longPct),
                    axis + " " + Cohort.byId(id).map(Cohort::displayName).orElse("#" + id) + " "
                            + Format.count(c.path("count").asLong()) + ": " + money(lv.doubleValue()) + " long / "
                            + money(sv.doubleValue()) + " short, " + Format.percent(longPct) + " long"));
        }
        sections.add(Section.Listing.of(
                "cohorts",
                "Per cohort (size axis, then PnL axis: never add the two; longPct = long / (long + short) value)",
                cohorts,
                "cohorts"));
        List<Row> big = new ArrayList<>();
        for (JsonNode r : largest) big.add(position(r));
        sections.add(Section.Listing.of("largest", "Largest positions by |value|", big, "positions"));
        List<Row> closest = new ArrayList<>();
        for (JsonNode r : env.path("closestToLiquidation").values()) if (closest.size() < top) closest.add(position(r));
        sections.add(Section.Listing.of(
                "closestToLiquidation",
                "Highest liquidationProgress (the API's column; formula unpublished)",
                closest,
                "positions"));
        return new Report(
                sections,
                // the cohorts hold the lean (the sides' values match): they go last
                List.of(
                        Cut.shorten("closestToLiquidation", 3),
                        Cut.shorten("largest", 3),
                        Cut.drop("closestToLiquidation"),
                        Cut.drop("largest"),
                        Cut.shorten("cohorts", 4)),
                "lower top");
    }

    private static double num(Map<String, Object> m, String key) {
        return m.get(key) instanceof BigDecimal v ? v.doubleValue() : 0;
    }
}
