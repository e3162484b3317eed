package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.CohortEndpoints;
import dev.hypertracker.mcp.catalog.DigestKind;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The largest realistic bodies of the cohort and market tools (issue 15), for the digest fixtures. */
final class CohortSamples {

    private CohortSamples() {}

    static List<Fixtures.Case> cases() {
        CohortSamples.Gen g = new Gen(15);
        JsonNode coinCohorts = g.coinCohorts();
        return List.of(
                new Fixtures.Case(CohortEndpoints.GET_COHORT_BIAS_HISTORY, List.of(g.biasHistory(1000))),
                new Fixtures.Case(CohortEndpoints.GET_COHORT_SUMMARY, List.of(g.cohortSummary())),
                new Fixtures.Case(CohortEndpoints.GET_MARKET_SUMMARY, List.of(g.marketSummary())),
                new Fixtures.Case(CohortEndpoints.GET_COIN_COHORT_SNAPSHOT, List.of(coinCohorts)),
                new Fixtures.Case(CohortEndpoints.EXPORT_COIN_SEGMENT_METRICS, List.of(coinCohorts)),
                new Fixtures.Case(CohortEndpoints.EXPORT_WALLETS_EQUITY_CHART, List.of(g.table(337, 1))),
                new Fixtures.Case(CohortEndpoints.EXPORT_COHORT_BIAS_CHART, List.of(g.table(25, 16))));
    }

    static final class Gen {
        private final Random random;

        Gen(long seed) {
            random = new Random(seed);
        }

        private double money() {
            return Math.round(random.nextDouble() * 1e11) / 1000.0;
        }

        private double signed() {
            return Math.round((random.nextDouble() * 2 - 1) * 10_000) / 10_000.0;
        }

        private static ObjectNode segment(int id) {
            ObjectNode s = SampleData.MAPPER.createObjectNode();
            Cohort c = Cohort.byId(id).orElse(null);
            s.put("id", id);
            s.put("name", c == null ? "Unknown" : c.displayName());
            s.put("category", c == null || c.axis() == Cohort.Axis.SIZE ? "size" : "pnl");
            s.putObject("criteria").put("minPnl", 100_000).put("maxPnl", 1_000_000);
            return s;
        }

        ObjectNode biasHistory(int rows) {
            ObjectNode body = SampleData.MAPPER.createObjectNode();
            body.set("segment", segment(9));
            body.put("nextCursor", "eyJjcmVhdGVkQXQiOiIyMDI2In0");
            body.put("positionRecencyTimeframe", "all");
            Instant end = SampleData.NOW;
            Instant start = end.minusSeconds(7200L * (rows - 1));
            body.put("start", start.toString());
            body.put("end", end.toString());
            body.put("pageStart", start.toString());
            body.put("pageEnd", end.toString());
            ArrayNode columns = body.putArray("historySnapshotStructure");
            DigestKind.BIAS_HISTORY.traits().columns().forEach(columns::add);
            ArrayNode history = body.putArray("history");
            for (int i = 0; i < rows; i++) {
                double longValue = money(), shortValue = money();
                history.addArray()
                        .add(end.minusSeconds(7200L * i).toString())
                        .add(signed())
                        .add(Math.round(random.nextDouble() * 40_000) / 10_000.0)
                        .add(longValue + shortValue)
                        .add(longValue)
                        .add(shortValue)
                        .add(money());
            }
            return body;
        }

        ObjectNode cohortSummary() {
            ObjectNode body = SampleData.MAPPER.createObjectNode();
            body.set("segment", segment(5));
            ObjectNode open = body.putObject("openPerpsSummary");
            open.put("perpBias", signed()).put("exposureRatio", 1.2345).put("countOpenPositions", 4_321);
            open.put("countTradersInPosition", 812).put("countTradersInProfit", 377);
            open.put("totalValue", money()).put("totalLongValue", money()).put("totalActivePerpEquity", money());
            ObjectNode bySide = open.putObject("bySide");
            bySide.putObject("long").put("count", 2_400).put("value", money());
            bySide.putObject("short").put("count", 1_921).put("value", money());
            open.put("totalPerpEquity", money()).put("countAssets", 143);
            ObjectNode summary = body.putObject("summary");
            summary.put("countTraders", 1_204)
                    .put("countTradersInPosition", 812)
                    .put("perpBias", signed());
            summary.put("positionValue", money())
                    .put("positionLongValue", money())
                    .put("positionShortValue", money());
            summary.put("exposureRatio", 1.5).put("activePerpEquity", money()).put("perpEquity", money());
            return body;
        }

        ObjectNode marketSummary() {
            ObjectNode body = SampleData.MAPPER.createObjectNode();
            body.put("countTraders", 812_345).put("countActiveTraders", 301_222).put("countTraders24HoursAgo", 811_002);
            ArrayNode segments = body.putArray("segments");
            for (int id = Cohort.MIN_ID; id <= Cohort.MAX_ID; id++) {
                segments.addObject()
                        .put("segmentId", id)
                        .put("countTraders", 50_000 + id)
                        .put("countTraders24HoursAgo", 49_990 + id)
                        .put("countTraders7DaysAgo", 49_000 + id)
                        .put("countTraders30DaysAgo", 45_000 + id);
            }
            body.putObject("perpPositionsMetrics").put("count", 412_345).put("openInterest", money());
            body.put("perpVolume", money());
            return body;
        }

        /** 16 cohorts and one the legend does not know, 15 points each. */
        ObjectNode coinCohorts() {
            ObjectNode body = SampleData.MAPPER.createObjectNode();
            body.put("coin", "BTC");
            ArrayNode segments = body.putArray("segments");
            for (int id = Cohort.MIN_ID; id <= Cohort.MAX_ID + 1; id++) {
                ObjectNode s = segments.addObject();
                s.set("segment", segment(id));
                ArrayNode metrics = s.putArray("metrics");
                for (int p = 0; p < 15; p++) {
                    int count = random.nextInt(20_000);
                    double value = money();
                    metrics.addObject()
                            .put("positionCount", count)
                            .put("positionCountLong", count / 2)
                            .put("totalPositionValue", value)
                            .put("totalPositionValueLong", Math.round(value * 600) / 1000.0)
                            .put("bias", Math.round(random.nextDouble() * 10_000) / 10_000.0);
                }
            }
            return body;
        }

        /** A chart file: {columns: [timestamp, c1 … cn], data: rows oldest first}. */
        ObjectNode table(int rows, int valueColumns) {
            ObjectNode body = SampleData.MAPPER.createObjectNode();
            ArrayNode columns = body.putArray("columns").add("timestamp");
            for (int c = 1; c <= valueColumns; c++)
                columns.add(valueColumns == 1 ? "totalEquity" : Integer.toString(c));
            ArrayNode data = body.putArray("data");
            for (int i = rows - 1; i >= 0; i--) {
                ArrayNode r = data.addArray()
                        .add(SampleData.NOW.minusSeconds(3600L * i).toString());
                for (int c = 0; c < valueColumns; c++) r.add(valueColumns == 1 ? money() : signed());
            }
            return body;
        }
    }
}
