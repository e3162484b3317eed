package dev.hypertracker.mcp.briefs;

import static dev.hypertracker.mcp.digest.Format.count;
import static dev.hypertracker.mcp.digest.Format.money;
import static dev.hypertracker.mcp.digest.Format.percent;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.digest.ExactSum;
import dev.hypertracker.mcp.digest.Format;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Cohort leans from the positions heatmap (one cached read): every cohort on one coin, or one cohort on every coin.
 * Bias = long value / value (0-100%), computed from the exact values rather than the API's rounded bias.
 */
final class CohortLeans {
    /** Coins a list shows before the budget: a brief, not the full table (get_positions_heatmap has it). */
    static final int SHOWN = 8;

    private CohortLeans() {}

    /** One cohort on one coin, as the heatmap gives it. */
    record Lean(
            String coin, int segmentId, double value, double longValue, long count, long countLong, long countShort) {
        double bias() {
            return value == 0 ? Double.NaN : longValue / value;
        }

        /** This server's figure: long value minus short value. */
        double net() {
            return longValue - (value - longValue);
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            // one subject per section: a coin's rows name the cohort, a cohort's rows name the coin
            if (coin != null) {
                m.put("coin", coin);
            } else {
                m.put("segmentId", segmentId);
                m.put("name", Cohort.byId(segmentId).map(Cohort::displayName).orElse(null));
                m.put(
                        "axis",
                        Cohort.byId(segmentId)
                                .map(c -> c.axis().name().toLowerCase(java.util.Locale.ROOT))
                                .orElse(null));
            }
            m.put("bias", Double.isNaN(bias()) ? null : bias());
            m.put("totalValue", value);
            m.put("totalLongValue", longValue);
            m.put("count", count);
            m.put("countLong", countLong);
            m.put("countShort", countShort);
            return m;
        }
    }

    static Lean lean(String coin, JsonNode segment) {
        double value = Sections.num(segment, "totalValue");
        double longValue = Sections.num(segment, "totalLongValue");
        return new Lean(
                coin,
                (int) Sections.num(segment, "segmentId"),
                value,
                longValue,
                (long) Sections.num(segment, "count"),
                (long) Sections.num(segment, "countLong"),
                (long) Sections.num(segment, "countShort"));
    }

    /** "leans long, 62.1% long" (bias as a percentage rounded to 0.01, then shown to 0.1). */
    static String lean(double bias) {
        if (Double.isNaN(bias)) return "no value";
        double pct = Format.round2(bias * 100);
        return (pct > 50 ? "leans long" : pct < 50 ? "leans short" : "balanced") + ", " + percent(pct) + " long";
    }

    static BriefSection onCoin(String coin, BriefUpstream.Read read) {
        List<Lean> leans = new ArrayList<>();
        for (JsonNode row : read.rows()) {
            if (!coin.equals(Sections.str(row, "coin"))) continue;
            JsonNode segments = row.get("segments");
            // the coin is the section's: rows name only the cohort
            if (segments != null && segments.isArray()) for (JsonNode s : segments) leans.add(lean(null, s));
        }
        leans.sort(Comparator.comparingInt(l -> Sections.legendOrder(l.segmentId())));
        List<BriefSection.Item> items = new ArrayList<>();
        for (Lean l : leans) {
            String axis = Cohort.byId(l.segmentId()).map(Sections::axis).orElse("unknown axis");
            items.add(new BriefSection.Item(
                    Cohort.labelOf(l.segmentId()) + " [" + axis + "]: " + lean(l.bias()) + " of " + money(l.value())
                            + ", " + count(l.count()) + " positions (" + count(l.countLong()) + " long, "
                            + count(l.countShort()) + " short)",
                    l.json()));
        }
        List<String> head = List.of(
                leans.isEmpty()
                        ? "No cohort holds open positions on " + coin + " in the heatmap."
                        : "Bias = the cohort's long value / its value on " + coin + ". Size and PnL cohorts are two "
                                + "partitions of the same positions: compare within an axis, never add across.");
        return BriefSection.of(
                "cohorts",
                "Every cohort's lean on " + coin,
                read.endpoint().tool(),
                "current open positions, every cohort on " + coin,
                head,
                Map.of(),
                "cohorts",
                items);
    }

    /** One cohort on every coin: its overall lean, then where it is net long and net short, largest first. */
    static List<BriefSection> acrossCoins(Cohort cohort, BriefUpstream.Read read) {
        List<Lean> leans = new ArrayList<>();
        ExactSum value = new ExactSum(), longValue = new ExactSum();
        long positions = 0;
        for (JsonNode row : read.rows()) {
            JsonNode segments = row.get("segments");
            if (segments == null || !segments.isArray()) continue;
            for (JsonNode s : segments) {
                if ((int) Sections.num(s, "segmentId") != cohort.id()) continue;
                Lean l = lean(Sections.str(row, "coin"), s);
                leans.add(l);
                value.add(l.value());
                longValue.add(l.longValue());
                positions += l.count();
            }
        }
        String source = read.endpoint().tool();
        String covers = "current open positions, this cohort on all " + count(leans.size()) + " coins it holds";
        double bias = value.value() == 0 ? Double.NaN : longValue.value() / value.value();
        List<Lean> longs = leans.stream()
                .filter(l -> l.net() > 0)
                .sorted(Comparator.comparingDouble(Lean::net).reversed())
                .toList();
        List<Lean> shorts = leans.stream()
                .filter(l -> l.net() < 0)
                .sorted(Comparator.comparingDouble(Lean::net))
                .toList();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("coinCount", leans.size());
        fields.put("totalValue", value.value());
        fields.put("totalLongValue", longValue.value());
        fields.put("count", positions);
        fields.put("bias", Double.isNaN(bias) ? null : bias);
        fields.put("netLongCoins", longs.size());
        fields.put("netShortCoins", shorts.size());
        List<String> head = List.of(
                cohort.label() + " [" + Sections.axis(cohort) + "] holds " + money(value.value()) + " in "
                        + count(positions) + " positions on " + count(leans.size()) + " coins: " + lean(bias)
                        + " overall (long value / value over all its coins).",
                "Net long on " + count(longs.size()) + " coins, net short on " + count(shorts.size())
                        + " (net = long value - short value, this server's formula). Largest net longs:");
        BriefSection longSection = BriefSection.of(
                        "netLong", "Where it is long", source, covers, head, fields, "coins", items(longs))
                .showing(SHOWN);
        BriefSection shortSection = BriefSection.of(
                        "netShort",
                        "Where it is short",
                        source,
                        "same read",
                        List.of("Largest net shorts:"),
                        Map.of(),
                        "coins",
                        items(shorts))
                .showing(SHOWN);
        return List.of(longSection, shortSection);
    }

    private static List<BriefSection.Item> items(List<Lean> leans) {
        List<BriefSection.Item> items = new ArrayList<>();
        for (Lean l : leans)
            items.add(new BriefSection.Item(
                    l.coin() + ": net " + Format.signedMoney(l.net()) + " (long " + money(l.longValue()) + ", short "
                            + money(l.value() - l.longValue()) + ", " + lean(l.bias()) + "), " + count(l.count())
                            + " positions",
                    l.json()));
        return items;
    }
}
