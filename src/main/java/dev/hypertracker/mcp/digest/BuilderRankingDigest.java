package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;

import dev.hypertracker.mcp.digest.Report.Cut;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * list_builders: builders ranked by the API's revenue over the timeframe, each with the API's previous-period figures
 * (revenuePrev, volumePrev, usersPrev) and this server's change: change = revenue - revenuePrev, change % = change /
 * revenuePrev x 100 (none when revenuePrev is 0 or absent). Totals are sums over every builder in the file.
 */
final class BuilderRankingDigest implements KindDigest {

    static final String FORMULA = "change = revenue - revenuePrev; change % = change / revenuePrev x 100";

    private final TopN<Item> ranked;
    private final Object timeframe;
    private final ExactSum revenue = new ExactSum(), revenuePrev = new ExactSum();
    private final ExactSum volume = new ExactSum(), volumePrev = new ExactSum();
    private long builders, withPrev;

    BuilderRankingDigest(DigestOptions options) {
        this.ranked = new TopN<>(options.top());
        this.timeframe = options.echo().get("timeframe");
    }

    record Item(
            int rank,
            String builder,
            String name,
            double revenue,
            double revenuePrev,
            double volume,
            double users,
            double usersPrev,
            double sharePct)
            implements Section.Item {

        Item ranked(int at, double totalRevenue) {
            return new Item(
                    at,
                    builder,
                    name,
                    revenue,
                    revenuePrev,
                    volume,
                    users,
                    usersPrev,
                    totalRevenue == 0 ? Double.NaN : revenue / totalRevenue * 100);
        }

        Double change() {
            return Double.isNaN(revenuePrev) ? null : Format.unrounded(revenue - revenuePrev);
        }

        Double changePct() {
            return Double.isNaN(revenuePrev) ? null : Format.pct(revenue - revenuePrev, revenuePrev);
        }

        @Override
        public Map<String, Object> json() {
            return Json.obj(
                    "rank", rank,
                    "builder", builder,
                    "name", name,
                    "revenue", Format.unrounded(revenue),
                    "revenuePrev", Format.unrounded(revenuePrev),
                    "revenueChange", change(),
                    "revenueChangePct", changePct(),
                    "revenueSharePct", Format.round2(sharePct),
                    "volume", Format.unrounded(volume),
                    "users", Format.unrounded(users),
                    "usersPrev", Format.unrounded(usersPrev));
        }

        @Override
        public String line() {
            return "#" + rank + " " + (name == null ? "" : name + " ") + builder + ": revenue " + money(revenue)
                    + (Double.isNaN(revenuePrev)
                            ? ""
                            : " (prev " + money(revenuePrev) + ", " + Format.signedPercent(changePct()) + ")")
                    + ", " + Format.percent(Format.round2(sharePct)) + " of all; volume " + money(volume)
                    + "; users " + Format.number(users)
                    + (Double.isNaN(usersPrev) ? "" : " (prev " + Format.number(usersPrev) + ")");
        }
    }

    @Override
    public void accept(JsonNode row) {
        builders++;
        double rev = Json.num(row, "revenue");
        double prev = Json.num(row, "revenuePrev");
        revenue.add(rev);
        revenuePrev.add(prev);
        if (!Double.isNaN(prev)) withPrev++;
        volume.add(Json.num(row, "volume"));
        volumePrev.add(Json.num(row, "volumePrev"));
        if (ranked.admits(rev)) {
            String builder = Json.str(row, "builder") != null ? Json.str(row, "builder") : Json.str(row, "address");
            ranked.add(
                    rev,
                    new Item(
                            0,
                            builder,
                            Json.str(row, "name"),
                            rev,
                            prev,
                            Json.num(row, "volume"),
                            Json.num(row, "users"),
                            Json.num(row, "usersPrev"),
                            Double.NaN));
        }
    }

    @Override
    public Report finish() {
        double total = revenue.value();
        List<Item> top = ranked.ranked();
        List<Item> items = new java.util.ArrayList<>(top.size());
        for (int i = 0; i < top.size(); i++) items.add(top.get(i).ranked(i + 1, total));
        boolean comparable = withPrev > 0;
        Double change = comparable ? Format.unrounded(total - revenuePrev.value()) : null;
        Double changePct = comparable ? Format.pct(total - revenuePrev.value(), revenuePrev.value()) : null;
        Map<String, Object> fields = Json.obj(
                "timeframe", timeframe,
                "builders", builders,
                "totalRevenue", total,
                "totalRevenuePrev", comparable ? revenuePrev.value() : null,
                "revenueChange", change,
                "revenueChangePct", changePct,
                "totalVolume", volume.value(),
                "totalVolumePrev", comparable ? volumePrev.value() : null,
                "changeFormula", FORMULA);
        String period = timeframe == null ? "" : ("all".equals(timeframe) ? "All time" : "Last " + timeframe) + ": ";
        String text = period + Format.count(builders) + " builders earned " + money(total) + " in builder fees"
                + " (the API's revenue) on " + money(volume.value()) + " volume"
                + (comparable
                        ? "; previous period " + money(revenuePrev.value()) + ", " + Format.signedPercent(changePct)
                                + " (" + FORMULA + ", summed over all builders; this server's formula)."
                        : "; the API gives no previous period here.");
        List<Section> sections = List.of(
                new Section.Fields(fields, text),
                Section.Listing.of("items", "Builders by revenue", items, "builders"));
        return new Report(sections, List.of(Cut.shorten("items", 3), Cut.drop("items")), "lower top");
    }
}
