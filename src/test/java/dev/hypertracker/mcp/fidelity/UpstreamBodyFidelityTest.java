package dev.hypertracker.mcp.fidelity;

import static dev.hypertracker.mcp.support.SandboxHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.sandbox.Fault;
import dev.hypertracker.mcp.support.SandboxHarness;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 6 and issue 12 "tolerant, never silent", through the tools against the sandbox: a body that is not the
 * route's shape or holds an out-of-range number is an isError naming the route; unknown sides and statuses are counted
 * as unknown; unreadable values are counted and named; the API's own error words reach the caller in both shapes.
 */
class UpstreamBodyFidelityTest {

    static final String POSITIONS = "/api/external/positions";
    static final String COINS = "/api/external/positions/coins";
    static SandboxHarness harness;

    @BeforeAll
    static void start() {
        harness = SandboxHarness.start();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static CallToolResult withBody(String route, String body, String tool, Map<String, Object> args) {
        harness.sandbox().faults().on(route, Fault.body(body), 1);
        try {
            return harness.call(tool, args);
        } finally {
            harness.sandbox().faults().clear();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(CallToolResult r) {
        return (Map<String, Object>) r.structuredContent();
    }

    @Test
    void aBodyThatIsNotTheRoutesShapeIsAnErrorNamingTheRouteAndTheExpectedShape() {
        for (String body : List.of("\"hello\"", "42", "{}", "[1,2]", "{\"positions\":[\"x\"]}", "null")) {
            CallToolResult r = withBody(POSITIONS, body, "list_positions", Map.of("coin", "BTC", "fresh", true));
            assertThat(r.isError()).as(body).isTrue();
            assertThat(text(r))
                    .as(body)
                    .contains("GET " + POSITIONS)
                    .contains("expected an object with a \"positions\" list");
        }
        CallToolResult coins = withBody(COINS, "{}", "get_open_exposure_by_coin", Map.of("fresh", true));
        assertThat(coins.isError()).isTrue();
        assertThat(text(coins))
                .contains(COINS)
                .contains("expected a JSON list of row objects")
                .contains("an empty object");
        // and the server keeps serving
        assertThat(harness.call("get_open_exposure_by_coin", Map.of("fresh", true))
                        .isError())
                .isFalse();
    }

    @Test
    void outOfRangeNumbersAreErrorsNotNegativeOrMaximalCounts() {
        CallToolResult r = withBody(
                POSITIONS,
                "{\"positions\":[{\"coin\":\"BTC\",\"side\":\"long\",\"positionValue\":1e400,"
                        + "\"closeTime\":null}],\"nextCursor\":null}",
                "list_positions",
                Map.of("coin", "BTC", "fresh", true));
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).contains(POSITIONS).contains("positionValue").contains("out of range");

        CallToolResult coins = withBody(
                COINS,
                "[{\"coin\":\"BTC\",\"totalValue\":5,\"count\":1e400}]",
                "get_open_exposure_by_coin",
                Map.of("fresh", true));
        assertThat(coins.isError()).isTrue();
        assertThat(text(coins)).contains("count").contains("out of range").doesNotContain("9,223,372,036,854,775,807");
    }

    @Test
    @SuppressWarnings("unchecked")
    void nullSideAndMissingCloseTimeAreCountedAsUnknownAndSaidSo() {
        String body = "{\"positions\":["
                + "{\"coin\":\"BTC\",\"side\":null,\"positionValue\":100,\"closeTime\":null},"
                + "{\"coin\":\"BTC\",\"side\":\"long\",\"positionValue\":50},"
                + "{\"coin\":\"BTC\",\"side\":\"short\",\"positionValue\":\"25.5\",\"closeTime\":\"2026-03-01T10:00:00.000Z\"}"
                + "],\"nextCursor\":null}";
        CallToolResult r = withBody(POSITIONS, body, "list_positions", Map.of("coin", "BTC", "fresh", true));
        assertThat(r.isError()).as(text(r)).isFalse();
        Map<String, Object> totals = (Map<String, Object>) structured(r).get("totals");
        assertThat(totals)
                .containsEntry("count", 3L)
                .containsEntry("longCount", 1L)
                .containsEntry("shortCount", 1L)
                .containsEntry("unknownSideCount", 1L)
                .containsEntry("openCount", 1L)
                .containsEntry("closedCount", 1L)
                .containsEntry("unknownStatusCount", 1L)
                .containsEntry("shortValue", 25.5)
                .containsEntry("unknownSideValue", 100.0);
        assertThat(text(r)).contains("1 side unknown").contains("1 open/closed unknown");
    }

    @Test
    @SuppressWarnings("unchecked")
    void unreadableValuesAreCountedAndNamedNeverSkippedSilently() {
        String body = "{\"positions\":["
                + "{\"coin\":\"BTC\",\"side\":\"long\",\"positionValue\":\"n/a\",\"closeTime\":null,\"profile\":{\"segments\":[\"4\",99]}},"
                + "{\"coin\":\"BTC\",\"side\":\"long\",\"positionValue\":\"10\",\"closeTime\":null}"
                + "],\"nextCursor\":null}";
        CallToolResult r = withBody(POSITIONS, body, "list_positions", Map.of("coin", "BTC", "fresh", true));
        assertThat(r.isError()).as(text(r)).isFalse();
        Map<String, Object> unreadable = (Map<String, Object>) structured(r).get("unreadableValues");
        assertThat((Map<String, Object>) unreadable.get("positionValue"))
                .containsEntry("count", 1L)
                .containsEntry("example", "\"n/a\"");
        assertThat((Map<String, Object>) unreadable.get("profile.segments")).containsEntry("count", 1L);
        assertThat(text(r)).contains("Unreadable values").contains("positionValue x1");
        // the numeric strings were read: "10" counted, and cohort "4" (Small Whale) recognised
        assertThat((Map<String, Object>) structured(r).get("totals")).containsEntry("longValue", 10.0);
        assertThat(text(r)).contains("Small Whale");
    }

    @Test
    void bothErrorShapesSurfaceTheApisOwnWords() {
        for (String body : List.of(
                "{\"statusCode\":400,\"message\":[\"start should not be empty\",\"start must be a valid ISO 8601 date string\"],\"error\":\"Bad Request\"}",
                "{\"statusCode\":400,\"message\":\"start should not be empty\",\"error\":\"Bad Request\"}",
                "{\"errors\":[{\"property\":\"start\",\"errors\":[\"start should not be empty\"]}]}")) {
            harness.sandbox().faults().on(POSITIONS, Fault.body(400, body), 5);
            try {
                CallToolResult r = harness.call("list_positions", Map.of("coin", "ETH", "fresh", true));
                assertThat(r.isError()).isTrue();
                assertThat(text(r))
                        .as(body)
                        .contains("start should not be empty")
                        .doesNotContain("no detail given");
            } finally {
                harness.sandbox().faults().clear();
            }
        }
    }

    @Test
    void theUnlistedPositionsExportExplainsA400OrA404() {
        for (int status : new int[] {400, 404}) {
            harness.sandbox().faults().on("/api/external/exports/coins/BTC/positions", Fault.status(status), 5);
            try {
                CallToolResult r = harness.call("export_coin_positions", Map.of("coin", "BTC", "fresh", true));
                assertThat(r.isError()).as("status " + status).isTrue();
                assertThat(text(r))
                        .as("status " + status)
                        .contains("no longer in the vendor's current list")
                        .contains("export_position_breakdown_by_size");
            } finally {
                harness.sandbox().faults().clear();
            }
        }
    }
}
