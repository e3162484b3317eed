package dev.hypertracker.mcp.briefs;

import static dev.hypertracker.mcp.digest.Format.count;
import static dev.hypertracker.mcp.digest.Format.money;
import static dev.hypertracker.mcp.digest.Format.percent;

import dev.hypertracker.mcp.api.ApiException;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.digest.UpstreamBodyException;
import dev.hypertracker.mcp.validation.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * get_cohort_brief: one cohort across coins in one call (4 reads at most): where it is net long and net short, the
 * coins where the most of its value is near liquidation, its recent trend.
 *
 * <p>The trend is one pluggable section: {@code get_cohort_bias_history} (/segments/{id}/bias-history) when the
 * catalog has it, else the cohort's per-coin metric series on its two largest coins.
 */
final class CohortBrief implements Brief<Cohort> {
    static final String NAME = "get_cohort_brief";
    static final String BIAS_HISTORY = "get_cohort_bias_history";
    /** The bias-history section's budget: enough for the stats and trend of its first columns (bias first). */
    static final int TREND_TOKENS = 1_800;
    /** Coins whose per-coin series stand in for the cohort's trend until bias-history is in the catalog. */
    static final int TREND_COINS = 2;

    static final int RISK_COINS = 5;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Cohort brief";
    }

    @Override
    public String description() {
        return "One cohort across coins in one call: overall lean, where it is net long and net short, its coins "
                + "with the most value near liquidation, its recent trend. Each section names its source tool. "
                + "<=4 API requests, cached.";
    }

    @Override
    public String subjectArgument() {
        return "segmentId";
    }

    @Override
    public Map<String, Object> subjectSchema() {
        return Map.of(
                "type",
                List.of("integer", "string"),
                "description",
                "Cohort id 1-16 or name (\"Smart Money\", \"Whale\"); see list_cohorts.");
    }

    @Override
    public Cohort subject(Object raw) {
        Optional<Cohort> cohort = raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                ? Cohort.byId(n.intValue())
                : raw instanceof String s ? Cohort.parse(s.trim()) : Optional.empty();
        return cohort.orElseThrow(() -> new InvalidArgumentException(
                "segmentId",
                "matches no cohort; got " + BriefTool.shown(raw) + ". Use an id 1-16 or a name (see list_cohorts)."));
    }

    @Override
    public Map<String, Object> subjectFields(Cohort cohort) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("segmentId", cohort.id());
        m.put("name", cohort.displayName());
        return m;
    }

    @Override
    public String headline(Cohort cohort) {
        return cohort.label() + " brief (" + cohort.rule() + "; current open positions snapshot, plus series for "
                + "the trend):";
    }

    @Override
    public int plannedReads() {
        return 2 + (Catalog.byTool(BIAS_HISTORY).isPresent() ? 1 : TREND_COINS);
    }

    @Override
    public List<BriefSection> sections(Cohort cohort, BriefUpstream upstream) {
        List<BriefSection> sections = new ArrayList<>();
        List<CohortLeans.Lean> byValue = new ArrayList<>();
        try {
            BriefUpstream.Read heatmap = upstream.read(Catalog.GET_POSITIONS_HEATMAP, Map.of());
            sections.addAll(CohortLeans.acrossCoins(cohort, heatmap));
            for (JsonNode row : heatmap.rows()) {
                JsonNode segments = row.get("segments");
                if (segments == null || !segments.isArray()) continue;
                for (JsonNode s : segments)
                    if ((int) Sections.num(s, "segmentId") == cohort.id())
                        byValue.add(CohortLeans.lean(Sections.str(row, "coin"), s));
            }
            byValue.sort(Comparator.comparingDouble(CohortLeans.Lean::value).reversed());
        } catch (ApiException | UpstreamBodyException e) {
            sections.add(BriefSection.unavailable(
                    "netLong", "Where it is long and short", Catalog.GET_POSITIONS_HEATMAP.tool(), e.getMessage()));
        }
        sections.add(Sections.guarded(
                "liquidationRisk",
                "Liquidation risk, top coins",
                Catalog.GET_LIQUIDATION_RISK_BY_ASSET.tool(),
                () -> risk(upstream.read(
                        Catalog.GET_LIQUIDATION_RISK_BY_ASSET, Map.of("segmentId", cohort.id(), "limit", 500)))));
        sections.addAll(trend(cohort, byValue, upstream));
        return sections;
    }

    private static BriefSection risk(BriefUpstream.Read read) {
        List<JsonNode> rows = new ArrayList<>(read.rows());
        long totalCount = read.bodies().isEmpty()
                ? rows.size()
                : (long) Sections.num(read.bodies().get(0), "totalCount");
        rows.sort(Comparator.comparingDouble((JsonNode r) -> Sections.num(r, "riskValue"))
                .reversed());
        List<JsonNode> atRisk =
                rows.stream().filter(r -> Sections.num(r, "riskValue") > 0).toList();
        List<BriefSection.Item> items = new ArrayList<>();
        for (JsonNode r : atRisk.subList(0, Math.min(RISK_COINS, atRisk.size()))) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("coin", Sections.str(r, "coin"));
            json.put("totalValue", Sections.num(r, "totalValue"));
            json.put("riskValue", Sections.num(r, "riskValue"));
            json.put("percentRisk", Sections.num(r, "percentRisk"));
            items.add(new BriefSection.Item(
                    Sections.str(r, "coin") + ": " + money(Sections.num(r, "riskValue")) + " at risk of "
                            + money(Sections.num(r, "totalValue")) + " (percentRisk "
                            + percent(Sections.num(r, "percentRisk")) + ")",
                    json));
        }
        JsonNode highest = read.rows().stream()
                .max(Comparator.comparingDouble(r -> Sections.num(r, "percentRisk")))
                .orElse(null);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("coinsRead", rows.size());
        fields.put("totalCount", totalCount);
        fields.put("coinsWithValueAtRisk", atRisk.size());
        List<String> head = new ArrayList<>();
        head.add("riskValue = open value \"within 75% of the liquidation threshold\" (the API's words; formula "
                + "unpublished); percentRisk = its share of the coin's value.");
        if (atRisk.isEmpty()) head.add("No coin has value at risk.");
        else
            head.add(count(atRisk.size()) + " of the " + count(rows.size()) + " coins read have value at risk. Highest "
                    + "percentRisk: " + Sections.str(highest, "coin") + " "
                    + percent(Sections.num(highest, "percentRisk")) + ". Largest riskValue:");
        String covers = rows.size() >= totalCount
                ? "current, all " + count(totalCount) + " coins"
                : "current, " + count(rows.size()) + " of " + count(totalCount) + " coins (first page, by percentRisk)";
        return BriefSection.of(
                "liquidationRisk",
                "Liquidation risk, top coins",
                read.endpoint().tool(),
                covers,
                head,
                fields,
                "coins",
                items);
    }

    /**
     * The pluggable trend: bias-history when the catalog has it, else the per-coin series of its largest coins.
     */
    private static List<BriefSection> trend(Cohort cohort, List<CohortLeans.Lean> byValue, BriefUpstream upstream) {
        String start = upstream.windowStart(Trends.WEEK);
        Optional<BriefSection> history = Sections.fromTool(
                "trend",
                "Recent trend (7 days)",
                BIAS_HISTORY,
                // the bias column's stats and trend are the point of this section: at one section's usual 1,000
                // tokens the digest keeps only its newest row
                Map.of("segmentId", cohort.id(), "start", start, "maxTokens", TREND_TOKENS),
                "from " + start,
                upstream);
        if (history.isPresent()) return List.of(history.get());
        List<BriefSection> sections = new ArrayList<>();
        for (CohortLeans.Lean coin : byValue.subList(0, Math.min(TREND_COINS, byValue.size()))) {
            String key = "trend" + coin.coin().replaceAll("[^A-Za-z0-9]", "");
            sections.add(Sections.guarded(
                    key,
                    "Trend on " + coin.coin(),
                    Catalog.GET_COIN_SEGMENT_METRICS.tool(),
                    () -> Trends.section(
                            key,
                            "Trend on " + coin.coin() + " (one of its " + TREND_COINS + " largest coins)",
                            upstream.read(
                                    Catalog.GET_COIN_SEGMENT_METRICS,
                                    Map.of(
                                            "coin",
                                            coin.coin(),
                                            "segmentId",
                                            cohort.id(),
                                            "start",
                                            start,
                                            "maxPages",
                                            1)),
                            "totalPositionValue",
                            "Its open value on " + coin.coin() + " (the API's totalPositionValue)")));
        }
        if (sections.isEmpty())
            sections.add(BriefSection.unavailable(
                    "trend",
                    "Recent trend",
                    Catalog.GET_COIN_SEGMENT_METRICS.tool(),
                    "the cohort holds no open positions, so no coin series to follow."));
        return sections;
    }
}
