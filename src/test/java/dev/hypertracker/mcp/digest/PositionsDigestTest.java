package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.round2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.Endpoint;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** list_positions: every figure equals a straightforward recomputation over the same rows. */
class PositionsDigestTest {

    static final Endpoint POSITIONS = Catalog.LIST_POSITIONS;
    static final int TOP = 10;

    static Map<String, Object> digest(List<List<JsonNode>> pages, String sortBy) {
        List<JsonNode> bodies = new ArrayList<>();
        for (List<JsonNode> page : pages) bodies.add(SampleData.page("positions", page, null));
        DigestOptions options =
                new DigestOptions(Detail.SUMMARY, List.of(), 50, DigestOptions.MAX_MAX_TOKENS, TOP, sortBy, Map.of());
        Digest d = Fixtures.SUMMARIZER.summarize(POSITIONS, bodies, options, Paging.single());
        assertThat(d.omitted()).isEmpty();
        return d.structured();
    }

    static double value(JsonNode r) {
        return Math.abs(r.get("positionValue").doubleValue());
    }

    static boolean isLong(JsonNode r) {
        return r.get("side").stringValue().equals("long");
    }

    static boolean isOpen(JsonNode r) {
        return r.get("closeTime").isNull();
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Map<String, Object> m, String key) {
        return (T) m.get(key);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void totalsEqualAPlainRecount(long seed) {
        List<JsonNode> rows = new SampleData(seed).positions(700);
        Map<String, Object> totals = at(digest(List.of(rows), null), "totals");

        long open = 0, longs = 0;
        double longValue = 0, shortValue = 0, total = 0, pnl = 0, funding = 0;
        for (JsonNode r : rows) {
            if (isOpen(r)) open++;
            if (isLong(r)) {
                longs++;
                longValue += value(r);
            } else {
                shortValue += value(r);
            }
            total += value(r);
            pnl += r.get("unrealizedPnl").doubleValue();
            funding += r.get("funding").doubleValue();
        }
        assertThat(totals)
                .containsEntry("count", 700L)
                .containsEntry("openCount", open)
                .containsEntry("closedCount", 700 - open)
                .containsEntry("longCount", longs)
                .containsEntry("shortCount", 700 - longs)
                .containsEntry("longValue", round2(longValue))
                .containsEntry("shortValue", round2(shortValue))
                .containsEntry("totalValue", round2(total))
                .containsEntry("unrealizedPnl", round2(pnl))
                .containsEntry("funding", round2(funding));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void rankingsEqualAStableSort(long seed) {
        List<JsonNode> rows = new SampleData(seed).positions(800);
        Map<String, Object> digest = digest(List.of(rows), "pnl");

        List<JsonNode> byValue = new ArrayList<>(rows);
        byValue.sort(Comparator.comparingDouble(PositionsDigestTest::value).reversed());
        List<Map<String, Object>> top = at(digest, "top");
        assertThat(top)
                .extracting(p -> p.get("value"))
                .containsExactlyElementsOf(byValue.subList(0, TOP).stream()
                        .map(r -> (Object) round2(value(r)))
                        .toList());
        assertThat(top.get(0).get("address"))
                .isEqualTo(byValue.get(0).get("address").stringValue());

        List<JsonNode> byPnl = new ArrayList<>(rows);
        byPnl.sort(Comparator.comparingDouble(
                        (JsonNode r) -> r.get("unrealizedPnl").doubleValue())
                .reversed());
        List<Map<String, Object>> topByPnl = at(digest, "topByPnl");
        assertThat(topByPnl)
                .extracting(p -> p.get("unrealizedPnl"))
                .containsExactlyElementsOf(byPnl.subList(0, TOP).stream()
                        .map(r -> (Object) round2(r.get("unrealizedPnl").doubleValue()))
                        .toList());

        Map<String, double[]> coins = new LinkedHashMap<>(); // count, long, short
        for (JsonNode r : rows) {
            double[] c = coins.computeIfAbsent(r.get("coin").stringValue(), k -> new double[3]);
            c[0]++;
            c[isLong(r) ? 1 : 2] += value(r);
        }
        List<Map.Entry<String, double[]>> ranked = new ArrayList<>(coins.entrySet());
        ranked.sort(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> e.getValue()[1] + e.getValue()[2])
                .reversed());
        List<Map<String, Object>> byCoin = at(digest, "byCoin");
        assertThat(byCoin).hasSize(Math.min(TOP, ranked.size()));
        for (int i = 0; i < byCoin.size(); i++) {
            double[] c = ranked.get(i).getValue();
            assertThat(byCoin.get(i))
                    .containsEntry("coin", ranked.get(i).getKey())
                    .containsEntry("count", (long) c[0])
                    .containsEntry("longValue", round2(c[1]))
                    .containsEntry("shortValue", round2(c[2]));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8})
    void cohortAxesAreCountedApartAndNeverAdded(long seed) {
        List<JsonNode> rows = new SampleData(seed).positions(600);
        Map<String, Object> digest = digest(List.of(rows), null);
        Map<String, Long> size = new LinkedHashMap<>();
        Map<String, Long> pnl = new LinkedHashMap<>();
        for (JsonNode r : rows) {
            for (JsonNode id : r.get("profile").get("segments").values()) {
                Cohort c = Cohort.byId(id.asInt()).orElseThrow();
                (c.axis() == Cohort.Axis.SIZE ? size : pnl).merge(c.label(), 1L, Long::sum);
            }
        }
        List<Map<String, Object>> bySize = at(digest, "bySizeCohort");
        List<Map<String, Object>> byPnl = at(digest, "byPnlCohort");
        assertThat(bySize).allSatisfy(c -> assertThat(c.get("count")).isEqualTo(size.get((String) c.get("cohort"))));
        assertThat(byPnl).allSatisfy(c -> assertThat(c.get("count")).isEqualTo(pnl.get((String) c.get("cohort"))));
        assertThat(bySize).hasSize(size.size());
        assertThat(byPnl).hasSize(pnl.size());
        long rowsWithCohort = rows.stream()
                .filter(r -> !r.get("profile").get("segments").isEmpty())
                .count();
        assertThat(bySize.stream().mapToLong(c -> (Long) c.get("count")).sum()).isEqualTo(rowsWithCohort);
        assertThat(byPnl.stream().mapToLong(c -> (Long) c.get("count")).sum()).isEqualTo(rowsWithCohort);
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(longs = {11, 12})
    void leverageAndNearLiquidationEqualARecount(long seed) {
        List<JsonNode> rows = new SampleData(seed).positions(900);
        Map<String, Object> digest = digest(List.of(rows), null);
        long[] counts = new long[5];
        double[] values = new double[5];
        long near = 0;
        double nearValue = 0;
        for (JsonNode r : rows) {
            double cross = r.get("crossLeverage").doubleValue();
            double leverage = cross != 0 ? cross : r.get("isolatedLeverage").doubleValue();
            int bucket = leverage <= 2 ? 0 : leverage <= 5 ? 1 : leverage <= 10 ? 2 : leverage <= 25 ? 3 : 4;
            counts[bucket]++;
            values[bucket] += value(r);
            JsonNode liq = r.get("liquidationPrice");
            if (isOpen(r) && !liq.isNull()) {
                double entry = r.get("entryPrice").doubleValue(),
                        mark = r.get("markPrice").doubleValue();
                if ((mark - entry) / (liq.doubleValue() - entry) >= 0.75) {
                    near++;
                    nearValue += value(r);
                }
            }
        }
        List<Map<String, Object>> leverage = at(digest, "leverage");
        for (int i = 0; i < 5; i++) {
            assertThat(leverage.get(i)).containsEntry("count", counts[i]).containsEntry("value", round2(values[i]));
        }
        assertThat((Map<String, Object>) at(digest, "nearLiquidation"))
                .containsEntry("count", near)
                .containsEntry("value", round2(nearValue));
        assertThat(near).isPositive();
    }

    @Test
    void nearLiquidationMeansThreeQuartersOfTheWayFromEntryToLiquidation() {
        assertThat(PositionsDigest.isNearLiquidation(100, 85, 80)).isTrue(); // long: 15 of 20
        assertThat(PositionsDigest.isNearLiquidation(100, 86, 80)).isFalse();
        assertThat(PositionsDigest.isNearLiquidation(100, 115, 120)).isTrue(); // short
        assertThat(PositionsDigest.isNearLiquidation(100, 110, 120)).isFalse();
        assertThat(PositionsDigest.isNearLiquidation(100, 50, Double.NaN)).isFalse(); // no liquidation price
        assertThat(PositionsDigest.isNearLiquidation(100, 50, 0)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void pageBoundariesDoNotChangeTheDigest(long seed) {
        SampleData data = new SampleData(seed);
        List<JsonNode> rows = data.positions(750);
        Map<String, Object> onePage = digest(List.of(rows), "pnl");
        Map<String, Object> manyPages = digest(data.split(rows, 6), "pnl");
        assertThat(manyPages).isEqualTo(onePage);
    }

    @Test
    void streamingTheBodyGivesTheSameDigestAsPages() {
        SampleData data = new SampleData(31);
        List<JsonNode> rows = data.positions(500);
        String body = SampleData.page("positions", rows, null).toString();
        DigestOptions options = Fixtures.summary(DigestOptions.MAX_MAX_TOKENS, TOP);
        Digest streamed = Fixtures.SUMMARIZER.summarizePositions(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), options);
        Digest paged = Fixtures.SUMMARIZER.summarize(
                POSITIONS, List.of(SampleData.MAPPER.readTree(body)), options, Paging.single());
        assertThat(streamed).isEqualTo(paged);
    }

    @Test
    void theGeneratedStreamIsTheSameJsonAsGeneratedRows() {
        List<JsonNode> rows = new SampleData(5).positions(300);
        JsonNode streamed = SampleData.MAPPER.readTree(new SampleData(5).positionsStream(300));
        assertThat(streamed.get("positions").values()).containsExactlyElementsOf(rows);
    }

    @Test
    void pagingFieldsAreReported() {
        List<JsonNode> rows = new SampleData(3).positions(20);
        Digest d = Fixtures.SUMMARIZER.summarize(
                POSITIONS,
                List.of(SampleData.page("positions", rows, "abc")),
                Fixtures.summary(2_000, 5),
                new Paging(1, false, "abc", "stopped at the 30 s deadline"));
        assertThat(d.structured())
                .containsEntry("rowsScanned", 20L)
                .containsEntry("pagesFetched", 1)
                .containsEntry("complete", false)
                .containsEntry("nextCursor", "abc")
                .containsEntry("incompleteNote", "stopped at the 30 s deadline");
        assertThat(d.text()).contains("nextCursor=abc").contains("30 s deadline");
    }
}
