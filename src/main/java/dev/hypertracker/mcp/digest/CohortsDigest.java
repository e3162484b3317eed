package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.digest.Report.Cut;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** list_cohorts: the cohort legend, one compact line per cohort. */
final class CohortsDigest implements KindDigest {

    private final List<CohortLine> cohorts = new ArrayList<>();

    record CohortLine(Object id, String name, String category, String emoji, String range) implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return Json.obj("id", id, "name", name, "category", category, "emoji", emoji, "range", range);
        }

        @Override
        public String line() {
            return "#" + id + " " + (emoji == null ? "" : emoji + " ") + name + " (" + category + "): " + range;
        }
    }

    @Override
    public void accept(JsonNode row) {
        JsonNode criteria = row.path("criteria");
        boolean pnl = "pnl".equalsIgnoreCase(Json.str(row, "category"));
        String range =
                pnl ? range("PnL", criteria, "minPnl", "maxPnl") : range("equity", criteria, "minSize", "maxSize");
        double numericId = Json.num(row, "id");
        cohorts.add(new CohortLine(
                numericId == Math.rint(numericId) ? (Object) (long) numericId : Json.str(row, "id"),
                Json.str(row, "name"),
                Json.str(row, "category"),
                Json.str(row, "emoji"),
                range));
    }

    /** "equity $10.00K to $50.00K", "PnL from $1.00M", "PnL below -$1.00M". */
    private static String range(String what, JsonNode criteria, String minField, String maxField) {
        double min = Json.num(criteria, minField);
        double max = Json.num(criteria, maxField);
        if (Double.isNaN(min) && Double.isNaN(max)) return what + " any";
        if (Double.isNaN(max)) return what + " from " + Format.money(min);
        if (Double.isNaN(min)) return what + " below " + Format.money(max);
        return what + " " + Format.money(min) + " to " + Format.money(max);
    }

    @Override
    public Report finish() {
        List<Section> sections = List.of(
                new Section.Fields(
                        Json.obj("count", cohorts.size()),
                        Format.count(cohorts.size())
                                + " cohorts; every wallet is in one size and one PnL cohort: never add the two axes."),
                Section.Listing.of("cohorts", "Cohorts", cohorts, "cohorts"));
        return new Report(sections, List.of(Cut.drop("cohorts")), "raise maxTokens");
    }
}
