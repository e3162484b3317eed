package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.round2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Endpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Series stats (oldest first whatever the upstream order), the export table quirk, cohorts and freshness. */
class SeriesAndMetaDigestsTest {

    static Digest summarize(Endpoint endpoint, List<JsonNode> pages) {
        return Fixtures.SUMMARIZER.summarize(
                endpoint, pages, Fixtures.summary(DigestOptions.MAX_MAX_TOKENS, 10), Paging.single());
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Map<String, Object> m, String key) {
        return (T) m.get(key);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void statsPerMetricWithTheOldestPointFirst(long seed) {
        List<JsonNode> rows = new SampleData(seed).coinMetrics(500, true); // newest first
        Map<String, Object> d = summarize(
                        Catalog.GET_COIN_SEGMENT_METRICS, List.of(SampleData.page("metrics", rows, null)))
                .structured();
        Map<String, Map<String, Object>> stats = at(d, "stats");
        assertThat(stats)
                .doesNotContainKeys("coin", "segmentId", "createdAt")
                .containsKeys("positionCount", "totalPositionValue", "totalFunding", "totalUnrealizedPnl");
        for (String metric : stats.keySet()) {
            JsonNode oldest = rows.get(rows.size() - 1), newest = rows.get(0);
            double min = Double.MAX_VALUE, max = -Double.MAX_VALUE, sum = 0;
            String minAt = null, maxAt = null;
            for (JsonNode r : rows) {
                double v = r.get(metric).doubleValue();
                sum += v;
                if (v < min) {
                    min = v;
                    minAt = r.get("createdAt").stringValue();
                }
                if (v > max) {
                    max = v;
                    maxAt = r.get("createdAt").stringValue();
                }
            }
            double first = oldest.get(metric).doubleValue(),
                    last = newest.get(metric).doubleValue();
            // structured numbers are exact and unrounded: sums and differences in decimal, as the digest's
            java.math.BigDecimal exactSum = java.math.BigDecimal.ZERO;
            for (JsonNode r : rows)
                exactSum =
                        exactSum.add(java.math.BigDecimal.valueOf(r.get(metric).doubleValue()));
            double change = java.math.BigDecimal.valueOf(last)
                    .subtract(java.math.BigDecimal.valueOf(first))
                    .doubleValue();
            assertThat(stats.get(metric))
                    .as(metric)
                    .containsEntry("first", first)
                    .containsEntry("last", last)
                    .containsEntry("min", min)
                    .containsEntry("max", max)
                    .containsEntry("minAt", minAt)
                    .containsEntry("maxAt", maxAt)
                    .containsEntry("mean", exactSum.doubleValue() / rows.size())
                    .containsEntry("change", change)
                    .containsEntry("changePct", change / Math.abs(first) * 100);
        }
        assertThat(d)
                .containsEntry("points", 500L)
                .containsEntry("trendMetric", "totalPositionValue")
                .containsEntry(
                        "from", rows.get(rows.size() - 1).get("createdAt").stringValue())
                .containsEntry("to", rows.get(0).get("createdAt").stringValue());
        List<Map<String, Object>> trend = at(d, "trend");
        assertThat(trend).hasSize(SeriesDigest.TREND_POINTS);
        assertThat(trend.get(0)).containsEntry("at", d.get("from"));
        assertThat(trend.get(trend.size() - 1))
                .containsEntry("at", d.get("to"))
                .containsEntry(
                        "value", round2(rows.get(0).get("totalPositionValue").doubleValue()));
    }

    @Test
    void statsDoNotDependOnPageOrder() {
        SampleData data = new SampleData(4);
        List<JsonNode> rows = data.generalMetrics(300);
        List<JsonNode> oldestFirst = new ArrayList<>(rows);
        oldestFirst.sort(Comparator.comparing((JsonNode r) -> r.get("createdAt").stringValue()));
        Map<String, Object> newestFirstDigest = summarize(
                        Catalog.GET_MARKET_OVERVIEW_METRICS, List.of(SampleData.page("metrics", rows, null)))
                .structured();
        Map<String, Object> oldestFirstDigest = summarize(
                        Catalog.GET_MARKET_OVERVIEW_METRICS,
                        data.split(oldestFirst, 4).stream()
                                .map(p -> (JsonNode) SampleData.page("metrics", p, null))
                                .toList())
                .structured();
        Map<String, Map<String, Object>> a = at(newestFirstDigest, "stats"), b = at(oldestFirstDigest, "stats");
        for (String metric : a.keySet()) {
            assertThat(b.get(metric))
                    .as(metric)
                    .containsAllEntriesOf(Map.of(
                            "first",
                            a.get(metric).get("first"),
                            "last",
                            a.get(metric).get("last"),
                            "min",
                            a.get(metric).get("min"),
                            "max",
                            a.get(metric).get("max")));
        }
        assertThat(oldestFirstDigest.get("trend")).isEqualTo(newestFirstDigest.get("trend"));
        assertThat(newestFirstDigest).containsEntry("trendMetric", "openInterest");
    }

    @SuppressWarnings("unchecked")
    @Test
    void volumeIdIsNotAMetric() {
        Map<String, Object> d = summarize(
                        Catalog.GET_PERP_VOLUME_METRICS,
                        List.of(SampleData.page("metrics", new SampleData(5).volume(100), null)))
                .structured();
        assertThat((Map<String, Object>) at(d, "stats")).containsOnlyKeys("volume");
    }

    @Test
    void metricsExportRowsLeaveOutTheCoinColumn() {
        JsonNode body = new SampleData(6).metricsExport(336);
        List<JsonNode> rows = Summarizer.rows(Catalog.EXPORT_POSITION_METRICS, List.of(body));
        assertThat(rows).hasSize(336);
        JsonNode data = body.get("metrics").get("data").get(0);
        assertThat(rows.get(0).get("coin").stringValue()).isEqualTo("BTC");
        assertThat(rows.get(0).get("timestamp")).isEqualTo(data.get(0));
        assertThat(rows.get(0).get("positionCount")).isEqualTo(data.get(1));
        assertThat(rows.get(0).get("totalPositionValueLong")).isEqualTo(data.get(4));

        Map<String, Object> d =
                summarize(Catalog.EXPORT_POSITION_METRICS, List.of(body)).structured();
        assertThat(d)
                .containsEntry("points", 336L)
                .containsEntry("to", data.get(0).stringValue());
        Map<String, Map<String, Object>> stats = at(d, "stats");
        assertThat(stats.get("positionCount"))
                .containsEntry("last", round2(data.get(1).doubleValue()));
    }

    @Test
    void cohortLegendNamesEveryCohort() {
        Digest d = summarize(Catalog.LIST_COHORTS, List.of(SampleData.cohorts()));
        assertThat(d.structured()).containsEntry("count", 16);
        assertThat(d.text())
                .contains("#9 🐟 Smart Money (pnl): PnL $100K to $1.00M")
                .contains("Giga-Rekt (pnl): PnL below -$1.00M");
    }

    @Test
    void freshnessIsDatedByTheClock() {
        Digest d = summarize(Catalog.GET_DATA_FRESHNESS, List.of(SampleData.freshness()));
        assertThat(d.structured())
                .containsEntry("ageMinutes", 12.0)
                .containsEntry("nextUpdateInMinutes", 3.0)
                .containsEntry("overdue", false)
                .containsEntry("now", SampleData.NOW.toString());
        assertThat(d.text()).contains("12 min old").contains("next update in 3 min");

        Summarizer later =
                new Summarizer(java.time.Clock.fixed(Instant.parse("2026-03-15T12:30:00Z"), java.time.ZoneOffset.UTC));
        Digest late = later.summarize(
                Catalog.GET_DATA_FRESHNESS, List.of(SampleData.freshness()), DigestOptions.defaults(), Paging.single());
        assertThat(late.structured()).containsEntry("overdue", true);
        assertThat(late.text()).contains("overdue");
    }
}
