package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.round2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.Endpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Exposure, heatmap, liquidation risk, liquidation heatmap and breakdowns against plain recomputations. */
class MarketDigestsTest {

    static Map<String, Object> summary(Endpoint endpoint, JsonNode body, Map<String, Object> echo) {
        DigestOptions options =
                new DigestOptions(Detail.SUMMARY, List.of(), 50, DigestOptions.MAX_MAX_TOKENS, 10, null, echo);
        Digest d = Fixtures.SUMMARIZER.summarize(endpoint, List.of(body), options, Paging.single());
        assertThat(d.omitted()).isEmpty();
        return d.structured();
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Map<String, Object> m, String key) {
        return (T) m.get(key);
    }

    static double num(JsonNode n, String field) {
        return n.get(field).doubleValue();
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void exposureTotalsRankingAndConcentration(long seed) {
        JsonNode body = new SampleData(seed).exposure(120);
        Map<String, Object> d = summary(Catalog.GET_OPEN_EXPOSURE_BY_COIN, body, Map.of());
        List<JsonNode> rows = new ArrayList<>(body.values());
        double total = 0;
        long count = 0;
        for (JsonNode r : rows) {
            total += num(r, "totalValue");
            count += r.get("count").longValue();
        }
        assertThat((Map<String, Object>) at(d, "totals"))
                .containsEntry("totalValue", round2(total))
                .containsEntry("count", count)
                .containsEntry("coinCount", 120L);
        rows.sort(
                Comparator.comparingDouble((JsonNode r) -> num(r, "totalValue")).reversed());
        double top5 = 0;
        for (JsonNode r : rows.subList(0, 5)) top5 += num(r, "totalValue");
        assertThat(d).containsEntry("top5Share", round2(top5 / total * 100));
        List<Map<String, Object>> coins = at(d, "coins");
        assertThat(coins)
                .extracting(c -> c.get("coin"))
                .containsExactlyElementsOf(rows.subList(0, 10).stream()
                        .map(r -> (Object) r.get("coin").stringValue())
                        .toList());
        JsonNode first = rows.get(0);
        assertThat(coins.get(0))
                .containsEntry(
                        "longPctByCount",
                        round2(num(first, "countLong") / (num(first, "countLong") + num(first, "countShort")) * 100));
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void heatmapLeansAndDivergences(long seed) {
        JsonNode body = new SampleData(seed).heatmap(60);
        Map<String, Object> d = summary(Catalog.GET_POSITIONS_HEATMAP, body, Map.of("openedWithin", "7d"));
        assertThat(d).containsEntry("openedWithin", "7d");

        List<JsonNode> coins = new ArrayList<>(body.get("heatmap").values());
        coins.sort(
                Comparator.comparingDouble((JsonNode c) -> num(c, "totalValue")).reversed());
        List<Map<String, Object>> shown = at(d, "coins");
        for (int i = 0; i < 10; i++) {
            JsonNode coin = coins.get(i);
            JsonNode mostLong = null, mostShort = null;
            for (JsonNode s : coin.get("segments").values()) {
                if (num(s, "totalValue") < 0.01 * num(coin, "totalValue")) continue;
                if (mostLong == null || num(s, "bias") > num(mostLong, "bias")) mostLong = s;
                if (mostShort == null || num(s, "bias") < num(mostShort, "bias")) mostShort = s;
            }
            assertThat(shown.get(i)).containsEntry("coin", coin.get("coin").stringValue());
            assertThat((Map<String, Object>) shown.get(i).get("mostLong"))
                    .containsEntry(
                            "cohort", Cohort.labelOf(mostLong.get("segmentId").asInt()))
                    .containsEntry("longPct", num(mostLong, "bias") * 100);
            assertThat((Map<String, Object>) shown.get(i).get("mostShort"))
                    .containsEntry(
                            "cohort", Cohort.labelOf(mostShort.get("segmentId").asInt()));
        }

        List<String> expected = new ArrayList<>();
        for (JsonNode coin : coins) { // already by value
            double smartLong = 0, smart = 0, rektLong = 0, rekt = 0;
            for (JsonNode s : coin.get("segments").values()) {
                int id = s.get("segmentId").asInt();
                if (id == 8 || id == 9 || id == 10) {
                    smartLong += num(s, "totalLongValue");
                    smart += num(s, "totalValue");
                } else if (id >= 12 && id <= 15) {
                    rektLong += num(s, "totalLongValue");
                    rekt += num(s, "totalValue");
                }
            }
            double smartBias = smartLong / smart, rektBias = rektLong / rekt;
            if ((smartBias - 0.5) * (rektBias - 0.5) < 0 && Math.abs(smartBias - rektBias) >= 0.10) {
                expected.add(coin.get("coin").stringValue());
            }
        }
        assertThat(d).containsEntry("divergenceCount", (long) expected.size());
        List<Map<String, Object>> divergences = at(d, "divergences");
        assertThat(divergences)
                .extracting(x -> x.get("coin"))
                .containsExactlyElementsOf(expected.subList(0, Math.min(10, expected.size())).stream()
                        .map(c -> (Object) c)
                        .toList());
    }

    @Test
    void liquidationRiskTotalsRankingAndNextOffset() {
        JsonNode body = new SampleData(6).liquidationRisk(100, 297);
        Map<String, Object> d =
                summary(Catalog.GET_LIQUIDATION_RISK_BY_ASSET, body, Map.of("segmentId", 9, "offset", 100));
        List<JsonNode> items = new ArrayList<>(body.get("items").values());
        double risk = 0, total = 0;
        for (JsonNode r : items) {
            risk += num(r, "riskValue");
            total += num(r, "totalValue");
        }
        assertThat(d)
                .containsEntry("cohort", "Smart Money (#9)")
                .containsEntry("totalCount", 297L)
                .containsEntry("valueAtRisk", round2(risk))
                .containsEntry("totalValue", round2(total))
                .containsEntry("offset", 100L)
                .containsEntry("nextOffset", 200L)
                .containsEntry("complete", false);
        items.sort(Comparator.comparingDouble((JsonNode r) -> num(r, "percentRisk"))
                .reversed());
        List<Map<String, Object>> shown = at(d, "items");
        assertThat(shown)
                .extracting(x -> x.get("percentRisk"))
                .containsExactlyElementsOf(items.subList(0, 10).stream()
                        .map(r -> (Object) round2(num(r, "percentRisk")))
                        .toList());

        Map<String, Object> last = summary(Catalog.GET_LIQUIDATION_RISK_BY_ASSET, body, Map.of("offset", 197));
        assertThat(last).containsEntry("nextOffset", null).containsEntry("complete", true);
    }

    @SuppressWarnings("unchecked")
    @Test
    void liquidationHeatmapTotalsBinsAndCohortNames() {
        JsonNode body = new SampleData(7).liquidationHeatmap(300);
        Map<String, Object> d = summary(Catalog.EXPORT_LIQUIDATION_HEATMAP, body, Map.of());
        List<JsonNode> bins = new ArrayList<>(body.get("heatmap").values());
        double value = 0;
        long positions = 0;
        for (JsonNode b : bins) {
            value += num(b, "liquidationValue");
            positions += b.get("positionsCount").longValue();
        }
        assertThat(d).containsEntry("coin", "BTC");
        assertThat((Map<String, Object>) at(d, "totals"))
                .containsEntry("liquidationValue", round2(value))
                .containsEntry("positionsCount", positions)
                .containsEntry("binCount", 300L);
        bins.sort(Comparator.comparingDouble((JsonNode b) -> num(b, "liquidationValue"))
                .reversed());
        Map<String, Object> topBin = ((List<Map<String, Object>>) at(d, "bins")).get(0);
        assertThat(topBin)
                .containsEntry("liquidationValue", round2(num(bins.get(0), "liquidationValue")))
                .containsEntry(
                        "mostImpacted",
                        Cohort.labelOf(bins.get(0).get("mostImpactedSegment").asInt()));
    }

    @SuppressWarnings("unchecked")
    @Test
    void breakdownByCohortSumsOneAxisAndNamesTheMostImpacted() {
        int[] ids = {1, 2, 3, 4, 5, 6, 7, 16, 8, 9, 10, 11, 12, 13, 14, 15};
        JsonNode body = new SampleData(8).breakdown("breakdownByCohort", "segmentId", ids);
        Map<String, Object> d = summary(Catalog.EXPORT_POSITION_BREAKDOWN_BY_COHORT, body, Map.of("coin", "ETH"));
        java.math.BigDecimal sizeSum = java.math.BigDecimal.ZERO, pastSizeSum = java.math.BigDecimal.ZERO;
        double maxClose = -1;
        JsonNode mostImpacted = null;
        for (JsonNode r : body.get("breakdownByCohort").values()) {
            if (Cohort.byId(r.get("segmentId").asInt()).orElseThrow().axis() == Cohort.Axis.SIZE) {
                sizeSum = sizeSum.add(java.math.BigDecimal.valueOf(num(r, "totalPositionValue")));
                pastSizeSum = pastSizeSum.add(java.math.BigDecimal.valueOf(num(r, "pastTotalPositionValue")));
            }
            if (num(r, "valueCloseToLiquidation") > maxClose) {
                maxClose = num(r, "valueCloseToLiquidation");
                mostImpacted = r;
            }
        }
        assertThat(d)
                .containsEntry("coin", "ETH")
                .containsEntry("totalsAxis", "size")
                .containsEntry("createdAt", "2026-03-15T11:45:00.000Z");
        double sizeValue = sizeSum.doubleValue(), pastSizeValue = pastSizeSum.doubleValue();
        double change = java.math.BigDecimal.valueOf(sizeValue)
                .subtract(java.math.BigDecimal.valueOf(pastSizeValue))
                .doubleValue();
        assertThat((Map<String, Object>) at(d, "totals"))
                .containsEntry("totalValue", sizeValue)
                .containsEntry("pastTotalValue", pastSizeValue)
                .containsEntry("valueChangePct", change / Math.abs(pastSizeValue) * 100);
        assertThat((Map<String, Object>) at(d, "mostImpacted"))
                .containsEntry(
                        "bucket", Cohort.labelOf(mostImpacted.get("segmentId").asInt()));
    }

    @SuppressWarnings("unchecked")
    @Test
    void breakdownBySizeBucketUsesTheBucketRanges() {
        JsonNode body = new SampleData(9).breakdown("breakdownBySize", "sizeBucketId", new int[] {1, 2, 3});
        Map<String, Object> d = summary(Catalog.EXPORT_COIN_POSITIONS, body, Map.of());
        assertThat(d).containsEntry("totalsAxis", "bucket");
        assertThat((List<Map<String, Object>>) at(d, "buckets"))
                .extracting(b -> (String) b.get("bucket"))
                .allMatch(label -> label.matches("size bucket \\d+ \\(.+\\)"))
                .anyMatch(label -> label.contains("<$1k"));
    }

    /** sizeSegmentId is the position size bucket 1-10: never a cohort (8-10 would become PnL cohorts). */
    @Test
    @SuppressWarnings("unchecked")
    void sizeSegmentIdRowsAreSizeBucketsWithRangesNeverCohorts() {
        JsonNode body = new SampleData(9)
                .breakdown("breakdownBySize", "sizeSegmentId", new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        Map<String, Object> d = summary(Catalog.EXPORT_POSITION_BREAKDOWN_BY_SIZE, body, Map.of());
        assertThat(d).containsEntry("totalsAxis", "bucket");
        assertThat((Map<String, Object>) at(d, "totals")).containsEntry("buckets", 10L);
        List<String> labels = ((List<Map<String, Object>>) at(d, "buckets"))
                .stream().map(b -> (String) b.get("bucket")).toList();
        assertThat(labels).allMatch(label -> label.matches("size bucket \\d+ \\(.+\\)"));
        for (Cohort c : Cohort.values()) assertThat(labels).noneMatch(label -> label.contains(c.displayName()));
    }
}
