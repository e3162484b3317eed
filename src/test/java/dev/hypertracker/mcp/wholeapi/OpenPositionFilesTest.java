package dev.hypertracker.mcp.wholeapi;

import static dev.hypertracker.mcp.support.SandboxHarness.list;
import static dev.hypertracker.mcp.support.SandboxHarness.map;
import static dev.hypertracker.mcp.support.SandboxHarness.structured;
import static dev.hypertracker.mcp.support.SandboxHarness.text;
import static dev.hypertracker.mcp.wholeapi.LeaderboardToolsTest.count;
import static dev.hypertracker.mcp.wholeapi.LeaderboardToolsTest.dec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.sandbox.MarketData;
import dev.hypertracker.mcp.sandbox.RequestLog;
import dev.hypertracker.mcp.support.SandboxHarness;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, the open-position files: export_open_positions follows the 302 to the CSV and reads it streamed into
 * exact totals; get_open_positions_history pages back through the hourly snapshots. Both checked against the
 * sandbox's positions, with the exact upstream paths and queries.
 */
class OpenPositionFilesTest {

    static SandboxHarness harness;
    static MarketData truth;
    static RequestLog log;

    @BeforeAll
    static void start() {
        harness = SandboxHarness.start();
        truth = harness.sandbox().data();
        log = harness.sandbox().requestLog();
        LeaderboardToolsTest.harness = harness;
        LeaderboardToolsTest.truth = truth;
        LeaderboardToolsTest.log = log;
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @BeforeEach
    void clearLog() {
        log.clear();
    }

    static BigDecimal exact(double v) {
        return BigDecimal.valueOf(v);
    }

    @Test
    void theCsvIsFollowedWithoutTheTokenAndSummedExactlyPerSideAndCohort() {
        CallToolResult r = harness.call("export_open_positions", Map.of("coin", "eth", "maxTokens", 20_000, "top", 50));
        Map<String, Object> s = structured(r);
        List<RequestLog.Entry> api = log.entries("/api/external/positions/open/coin/{coin}");
        assertThat(api).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/api/external/positions/open/coin/eth");
            assertThat(e.rawQuery()).isNull();
            assertThat(e.bearerSent()).isTrue();
        });
        List<RequestLog.Entry> file = log.entries("/files/generated/positions/open/ETH.csv");
        assertThat(file)
                .singleElement()
                .satisfies(e -> assertThat(e.bearerSent()).isFalse());

        List<MarketData.Position> open = truth.openPositions().stream()
                .filter(p -> p.coin().equals("ETH"))
                .toList();
        BigDecimal longValue = BigDecimal.ZERO, shortValue = BigDecimal.ZERO, longUpnl = BigDecimal.ZERO;
        long longs = 0;
        Map<String, long[]> cohortCounts = new HashMap<>();
        Map<String, BigDecimal> cohortLong = new HashMap<>();
        for (MarketData.Position p : open) {
            BigDecimal value = exact(p.positionValue());
            if (p.isLong()) {
                longs++;
                longValue = longValue.add(value);
                longUpnl = longUpnl.add(exact(p.unrealizedPnl()));
            } else {
                shortValue = shortValue.add(value);
            }
            for (String key : List.of(
                    "size" + p.wallet().sizeCohort().id(),
                    "pnl" + p.wallet().pnlCohort().id())) {
                cohortCounts.computeIfAbsent(key, k -> new long[1])[0]++;
                if (p.isLong()) cohortLong.merge(key, value, BigDecimal::add);
            }
        }
        Map<String, Object> totals = map(s, "totals");
        assertThat(count(totals.get("count"))).isEqualTo(open.size());
        assertThat(count(totals.get("longCount"))).isEqualTo(longs);
        assertThat(dec(totals.get("longValue"))).isEqualByComparingTo(longValue);
        assertThat(dec(totals.get("shortValue"))).isEqualByComparingTo(shortValue);
        assertThat(dec(totals.get("longUnrealizedPnl"))).isEqualByComparingTo(longUpnl);
        assertThat(map(s, "file")).containsEntry("complete", true);
        assertThat(count(map(s, "file").get("rowsRead"))).isEqualTo(open.size());
        assertThat(s.get("coin")).isEqualTo("ETH");

        List<Map<String, Object>> cohorts = list(s, "cohorts");
        assertThat(cohorts).hasSize(cohortCounts.size());
        for (Map<String, Object> c : cohorts) {
            String key = c.get("axis") + String.valueOf(count(c.get("segmentId")));
            assertThat(count(c.get("count"))).as(key).isEqualTo(cohortCounts.get(key)[0]);
            assertThat(dec(c.get("longValue")))
                    .as(key)
                    .isEqualByComparingTo(cohortLong.getOrDefault(key, BigDecimal.ZERO));
        }
        // the largest positions, by value, as the sandbox holds them
        List<MarketData.Position> largest = open.stream()
                .sorted(java.util.Comparator.comparingDouble(MarketData.Position::positionValue)
                        .reversed()
                        .thenComparingInt(MarketData.Position::sequence))
                .limit(5)
                .toList();
        List<Map<String, Object>> shown = list(s, "largest");
        for (int k = 0; k < largest.size(); k++) {
            assertThat(shown.get(k))
                    .containsEntry("address", largest.get(k).wallet().address());
            assertThat(dec(shown.get(k).get("value")))
                    .isEqualByComparingTo(exact(largest.get(k).positionValue()));
        }
        assertThat(text(r)).contains("read whole");
    }

    @Test
    void anUnknownCoinIsTheApisNotFound() {
        CallToolResult r = harness.call("export_open_positions", Map.of("coin", "NOPE"));
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).contains("NOPE");
        assertThat(log.entries("/files/generated/positions/open/{file}")).isEmpty();
    }

    /** Positions of the coin open at the instant (opened at or before it, not closed by then). */
    static long openAt(String coin, Instant t) {
        return truth.positions().stream()
                .filter(p -> p.coin().equals(coin))
                .filter(p -> !p.openTime().isAfter(t)
                        && (p.closeTime() == null || p.closeTime().isAfter(t)))
                .count();
    }

    @Test
    void snapshotsPageBackOneHourAtATimeWithTheirTrueRowCounts() {
        Instant end = truth.anchor().minus(Duration.ofMinutes(90));
        CallToolResult r = harness.call(
                "get_open_positions_history",
                Map.of("coin", "BTC", "end", end.toString(), "maxPages", 3, "maxTokens", 20_000));
        Map<String, Object> s = structured(r);
        List<RequestLog.Entry> sent = log.entries("/api/external/coin/{coin}/open-positions/history");
        assertThat(sent).hasSize(3);
        assertThat(sent.get(0).path()).isEqualTo("/api/external/coin/BTC/open-positions/history");
        assertThat(sent.get(0).rawQuery()).isEqualTo("end=" + end.toString().replace("Z", ".000Z"));
        assertThat(sent.get(1).query()).containsKeys("end", "nextCursor");
        List<Map<String, Object>> snapshots = list(s, "snapshots");
        assertThat(snapshots).hasSize(3);
        Instant first = truth.anchor().minus(Duration.ofHours(2));
        for (int k = 0; k < 3; k++) {
            Instant at = first.minus(Duration.ofHours(k));
            Map<String, Object> snap = snapshots.get(k);
            assertThat(snap).containsEntry("coin", "BTC").containsEntry("status", "completed");
            assertThat(Instant.parse((String) snap.get("createdAt"))).isEqualTo(at);
            assertThat(count(snap.get("rowCount"))).isEqualTo(openAt("BTC", at));
            // the signed link is shown without its signature
            assertThat((String) snap.get("downloadLink")).endsWith(".csv?…").doesNotContain("signature");
        }
        assertThat(text(r)).doesNotContain("signature=").doesNotContain("expires=");
        assertThat(s.get("nextCursor")).isNotNull();
        // no file was downloaded: the links are never followed
        assertThat(log.entries("/files/generated/positions/open/history/BTC/{file}"))
                .isEmpty();
    }

    @Test
    void aWindowBeforeTheSnapshotsBeganHasNone() {
        Map<String, Object> s = structured(harness.call(
                "get_open_positions_history", Map.of("coin", "BTC", "start", "2025-06-01", "end", "2025-07-01")));
        assertThat(count(s.get("snapshotCount"))).isZero();
        assertThat(log.entries("/api/external/coin/{coin}/open-positions/history")
                        .get(0)
                        .rawQuery())
                .isEqualTo("start=2025-06-01T00:00:00.000Z&end=2025-07-01T00:00:00.000Z");
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyRequest() {
        List<Map.Entry<String, Map<String, Object>>> bad = List.of(
                Map.entry("export_open_positions", Map.of()),
                Map.entry("export_open_positions", Map.of("coin", "BTC/../x")),
                Map.entry("export_open_positions", Map.of("coin", "BTC", "limit", 5)),
                Map.entry("get_open_positions_history", Map.of("coin", "BTC", "start", "1712345678901")),
                Map.entry(
                        "get_open_positions_history",
                        Map.of("coin", "BTC", "start", "2026-04-02", "end", "2026-04-01")),
                Map.entry("get_open_positions_history", Map.of("coin", "BTC", "nextCursor", "not a cursor!")),
                Map.entry("get_open_positions_history", Map.of("coin", "BTC", "maxPages", 21)));
        for (Map.Entry<String, Map<String, Object>> call : bad) {
            CallToolResult r = harness.call(call.getKey(), call.getValue());
            assertThat(r.isError()).as(call.toString()).isTrue();
            assertThat(text(r)).as(call.toString()).contains("No request was sent");
        }
        assertThat(log.entries()).isEmpty();
    }
}
