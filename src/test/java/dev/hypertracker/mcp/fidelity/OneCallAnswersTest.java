package dev.hypertracker.mcp.fidelity;

import static dev.hypertracker.mcp.support.SandboxHarness.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.sandbox.MarketData;
import dev.hypertracker.mcp.support.SandboxHarness;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 14: answers a text-only model can take from one call, checked against the sandbox's ground truth. */
class OneCallAnswersTest {

    static SandboxHarness harness;
    static MarketData truth;

    @BeforeAll
    static void start() {
        harness = SandboxHarness.start(SandboxHarness.SMALL, s -> s);
        truth = harness.sandbox().data();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    /** Open value, long value and count per cohort id on one coin, from the open positions themselves. */
    static Map<Integer, double[]> truthByCohort(String coin) {
        Map<Integer, double[]> out = new HashMap<>();
        for (MarketData.Position p : truth.openPositions()) {
            if (!p.coin().equals(coin)) continue;
            for (int id : p.wallet().segments()) {
                double[] t = out.computeIfAbsent(id, k -> new double[3]);
                t[0] += p.positionValue();
                if (p.isLong()) t[1] += p.positionValue();
                t[2]++;
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> focus(CallToolResult r) {
        assertThat(r.isError()).as(text(r)).isNotEqualTo(Boolean.TRUE);
        return (List<Map<String, Object>>) ((Map<String, Object>) r.structuredContent()).get("focus");
    }

    @Test
    void aFocusedCoinShowsEveryCohortOnItWithItsTrueLean() {
        Map<Integer, double[]> expected = truthByCohort("BTC");
        CallToolResult r = harness.call("get_positions_heatmap", Map.of("coin", "BTC", "maxTokens", 20_000));
        List<Map<String, Object>> rows = focus(r);
        assertThat(rows)
                .extracting(m -> ((Number) m.get("segmentId")).intValue())
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map<String, Object> row : rows) {
            double[] t = expected.get(((Number) row.get("segmentId")).intValue());
            assertThat(row).containsEntry("coin", "BTC").containsEntry("count", (long) t[2]);
            assertThat(((Number) row.get("totalValue")).doubleValue()).isCloseTo(t[0], within(0.02));
            assertThat(((Number) row.get("bias")).doubleValue()).isCloseTo(t[1] / t[0], within(1e-6));
            String name = Cohort.byId(((Number) row.get("segmentId")).intValue())
                    .orElseThrow()
                    .displayName();
            assertThat(row).containsEntry("name", name);
            assertThat(text(r)).contains("BTC " + Cohort.labelOf(((Number) row.get("segmentId")).intValue()));
        }
        // size axis rows come before PnL axis rows: the two partitions are never interleaved
        List<Object> axes = rows.stream().map(m -> m.get("axis")).toList();
        assertThat(axes.lastIndexOf("size")).isLessThan(axes.indexOf("pnl"));
    }

    @Test
    void aFocusedCohortShowsItOnEveryCoinAndNamesItsLean() {
        CallToolResult r =
                harness.call("get_positions_heatmap", Map.of("segmentId", List.of("Whale", 9), "maxTokens", 20_000));
        List<Map<String, Object>> rows = focus(r);
        for (String coin : List.of("BTC", "ETH")) {
            Map<Integer, double[]> expected = truthByCohort(coin);
            for (int id : List.of(Cohort.parse("Whale").orElseThrow().id(), 9)) {
                double[] t = expected.get(id);
                if (t == null) continue;
                Map<String, Object> row = rows.stream()
                        .filter(m -> m.get("coin").equals(coin) && ((Number) m.get("segmentId")).intValue() == id)
                        .findFirst()
                        .orElseThrow();
                assertThat(((Number) row.get("bias")).doubleValue()).isCloseTo(t[1] / t[0], within(1e-6));
                String lean = t[1] / t[0] > 0.5 ? "leans long" : "leans short";
                assertThat(text(r))
                        .contains(coin + " " + Cohort.labelOf(id) + " [")
                        .contains(lean);
            }
        }
        assertThat(rows).allMatch(m -> List.of(5, 9).contains(((Number) m.get("segmentId")).intValue()));
        // each focused cohort's overall lean, from every open position it holds
        double[] whale = new double[2];
        for (MarketData.Position p : truth.openPositions()) {
            if (p.wallet().sizeCohort().id() != 5) continue;
            whale[1] += p.positionValue();
            if (p.isLong()) whale[0] += p.positionValue();
        }
        long whaleCoins = rows.stream()
                .filter(m -> ((Number) m.get("segmentId")).intValue() == 5)
                .count();
        assertThat(text(r))
                .contains("Whale (#5) over its " + whaleCoins + " coins: "
                        + (whale[0] / whale[1] > 0.5 ? "leans long, " : "leans short, ")
                        + String.format(java.util.Locale.ROOT, "%.1f%% long", whale[0] / whale[1] * 100));
    }

    @Test
    void coinAndCohortTogetherAnswerAreWhalesLongBtcInOneRow() {
        double[] t = truthByCohort("BTC").get(5);
        CallToolResult r = harness.call("get_positions_heatmap", Map.of("coin", "BTC", "segmentId", "Whale"));
        List<Map<String, Object>> rows = focus(r);
        assertThat(rows).hasSize(1);
        assertThat(((Number) rows.get(0).get("bias")).doubleValue()).isCloseTo(t[1] / t[0], within(1e-6));
        assertThat(text(r))
                .contains("BTC Whale (#5) [size axis]: " + (t[1] / t[0] > 0.5 ? "leans long" : "leans short"));
    }

    @Test
    void aFocusOnACoinWithoutPositionsSaysSoAndBadFocusIsRejectedBeforeAnyRequest() {
        assertThat(text(harness.call("get_positions_heatmap", Map.of("coin", "NOSUCHCOIN"))))
                .contains("Not found: NOSUCHCOIN (no open positions in the heatmap)");
        long before = harness.sandbox().requestLog().entries().size();
        CallToolResult badCoin = harness.call("get_positions_heatmap", Map.of("coin", List.of("BTC", "not a coin")));
        assertThat(badCoin.isError()).isTrue();
        assertThat(text(badCoin)).contains("coin").contains("is not a coin symbol");
        CallToolResult badCohort = harness.call("get_positions_heatmap", Map.of("segmentId", "Dolphins of doom"));
        assertThat(badCohort.isError()).isTrue();
        assertThat(text(badCohort)).contains("matches no cohort");
        assertThat(harness.sandbox().requestLog().entries().size()).isEqualTo(before);
    }

    @Test
    void focusIsServerSideOneCachedUpstreamRequestServesEveryFocus() {
        harness.call("get_positions_heatmap", Map.of("openedWithin", "30d"));
        long before = harness.sandbox().requestLog().entries().size();
        focus(harness.call("get_positions_heatmap", Map.of("openedWithin", "30d", "coin", "ETH")));
        focus(harness.call("get_positions_heatmap", Map.of("openedWithin", "30d", "segmentId", 3)));
        assertThat(harness.sandbox().requestLog().entries().size()).isEqualTo(before);
    }

    @Test
    void rowsDetailPrintsATextTableWithFullAddressesAndSaysWhatWasCut() {
        List<MarketData.Position> eth = truth.positions().stream()
                .filter(p -> p.coin().equals("ETH"))
                .limit(40)
                .toList();
        CallToolResult r = harness.call(
                "list_positions", Map.of("coin", "ETH", "detail", "rows", "maxRows", 40, "maxTokens", 20_000));
        String text = text(r);
        assertThat(text).contains("Rows: 40 of ").contains("columns: address | coin | side");
        // every row is a line of the text, its wallet address whole (the API's oldest-opened-first order)
        for (MarketData.Position p : eth) {
            assertThat(text).contains(p.wallet().address() + " | ETH | " + p.side());
        }
        assertThat(text).doesNotContain("…");

        // a small budget keeps a table that fits and names the cut
        CallToolResult small = harness.call(
                "list_positions", Map.of("coin", "ETH", "detail", "rows", "maxRows", 200, "maxTokens", 1_500));
        String cut = text(small);
        long tableLines = cut.lines().filter(l -> l.startsWith("0x")).count();
        assertThat(tableLines).isPositive().isLessThan(200);
        assertThat(cut)
                .contains("rows: " + tableLines + " of 200 rows shown")
                .contains("Left out to stay within 1,500");
        // (the digest's charge against maxTokens, text table included, is checked per budget in BudgetAndSchemaTest)
    }

    @Test
    void summaryTopPositionsPrintWholeAddresses() {
        String text = text(harness.call("list_positions", Map.of("coin", "BTC", "open", true)));
        List<String> addresses = truth.openPositions().stream()
                .filter(p -> p.coin().equals("BTC"))
                .map(p -> p.wallet().address())
                .toList();
        assertThat(addresses.stream().filter(text::contains)).isNotEmpty();
        assertThat(text).doesNotContainPattern("0x[0-9a-f]{4}…");
    }

    @Test
    void closeTimeFiltersCountTheScannedRowsClosedInTheWindowAndSayWhatTheyCannotSee() {
        java.time.Instant start = truth.anchor().minus(java.time.Duration.ofDays(10));
        java.time.Instant since = truth.anchor().minus(java.time.Duration.ofDays(3));
        java.time.Instant before = truth.anchor().minus(java.time.Duration.ofDays(1));
        List<MarketData.Position> opened = truth.positions().stream()
                .filter(p -> p.coin().equals("ETH") && !p.openTime().isBefore(start))
                .toList();
        List<MarketData.Position> closed = opened.stream()
                .filter(p -> !p.isOpen()
                        && !p.closeTime().isBefore(since)
                        && p.closeTime().isBefore(before))
                .toList();
        assertThat(closed).as("the sandbox has positions closed in the window").isNotEmpty();
        Map<String, Object> args = Map.of(
                "coin",
                "ETH",
                "start",
                start.toString(),
                "closedSince",
                since.toString(),
                "closedBefore",
                before.toString(),
                "maxPages",
                20,
                "maxTokens",
                20_000);
        CallToolResult r = harness.call("list_positions", args);
        assertThat(r.isError()).as(text(r)).isNotEqualTo(Boolean.TRUE);
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) r.structuredContent();
        @SuppressWarnings("unchecked")
        Map<String, Object> totals = (Map<String, Object>) s.get("totals");
        assertThat(totals).containsEntry("count", (long) closed.size()).containsEntry("openCount", 0L);
        assertThat(((Number) totals.get("totalValue")).doubleValue())
                .isCloseTo(
                        closed.stream()
                                .mapToDouble(MarketData.Position::positionValue)
                                .sum(),
                        within(0.05));
        @SuppressWarnings("unchecked")
        Map<String, Object> filter = (Map<String, Object>) s.get("closeFilter");
        assertThat(filter).containsEntry("matched", (long) closed.size()).containsEntry("scanned", (long)
                opened.size());
        assertThat(text(r))
                .contains("Close-time filter")
                .contains(matchedLine(closed.size(), opened.size()))
                .contains(
                        "positions opened before start (" + start.toString().replace("Z", ".000Z") + ") are not seen");

        // detail=rows keeps the same rows
        CallToolResult rows = harness.call("list_positions", new java.util.HashMap<>(args) {
            {
                put("detail", "rows");
                put("maxRows", 1000);
            }
        });
        assertThat(text(rows)).contains("Rows: " + String.format(java.util.Locale.ROOT, "%,d", closed.size()) + " of ");
        for (MarketData.Position p : closed)
            assertThat(text(rows)).contains(p.wallet().address() + " | ETH | " + p.side());

        // an inverted window is refused before any request
        long before0 = harness.sandbox().requestLog().entries().size();
        CallToolResult bad = harness.call(
                "list_positions", Map.of("closedSince", before.toString(), "closedBefore", since.toString()));
        assertThat(bad.isError()).isTrue();
        assertThat(text(bad)).contains("closedSince").contains("is after closedBefore");
        assertThat(harness.sandbox().requestLog().entries().size()).isEqualTo(before0);
    }

    private static String matchedLine(long matched, long scanned) {
        return String.format(java.util.Locale.ROOT, "%,d of %,d rows scanned match", matched, scanned);
    }
}
