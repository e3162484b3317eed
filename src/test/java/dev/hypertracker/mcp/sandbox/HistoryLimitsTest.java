package dev.hypertracker.mcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The API's history limits (notes, "Corrections and additions"): positions from 2025-04-04, the market overview from
 * about May 2025, per-coin metrics from 2026-02-19 and the 24h/7d/30d recency variants from 2026-03-19. A window
 * before them is an empty list, not an error. The dates are written out here, not taken from the product.
 */
class HistoryLimitsTest {

    /** Data from 2025-12-01: the per-coin limits fall inside the sandbox's 90 days. */
    private static SandboxServer lateServer;

    private static SandboxClient late;
    /** Data from 2025-03-03: the positions and overview limits fall inside. */
    private static SandboxServer earlyServer;

    private static SandboxClient early;

    @BeforeAll
    static void start() {
        lateServer = SandboxServer.start(SandboxClient.smallConfig().withAnchor(Instant.parse("2026-03-01T12:00:00Z")));
        late = new SandboxClient(lateServer);
        earlyServer =
                SandboxServer.start(SandboxClient.smallConfig().withAnchor(Instant.parse("2025-06-01T12:00:00Z")));
        early = new SandboxClient(earlyServer);
    }

    @AfterAll
    static void stop() {
        lateServer.close();
        earlyServer.close();
    }

    private static List<String> times(SandboxClient client, String path, String rowsKey, String timeField) {
        List<String> times = new ArrayList<>();
        for (JsonNode page : client.allPages(path)) {
            for (JsonNode row : page.get(rowsKey)) times.add(row.get(timeField).stringValue());
        }
        return times;
    }

    @Test
    void perCoinMetricsBeginOn2026_02_19() {
        for (String route : new String[] {
            "/position-metrics/coin/BTC",
            "/position-metrics/coin/BTC/segment/1",
            "/position-metrics/coin/BTC/position-size-bucket/3"
        }) {
            List<String> times = times(late, route + "?" + SandboxClient.ALL_TIME, "metrics", "createdAt");
            assertThat(times).as(route).isNotEmpty().allMatch(t -> t.compareTo("2026-02-19T00:00:00.000Z") >= 0);
            assertThat(times.get(times.size() - 1)).as(route + ": oldest").isEqualTo("2026-02-19T00:00:00.000Z");
        }
        // the sandbox's data itself starts earlier: the overview and volume series do have December
        assertThat(times(late, "/metrics/perp-volume?" + SandboxClient.ALL_TIME, "metrics", "createdAt")
                        .get(0))
                .startsWith("2025-12-01");
    }

    @Test
    void recencyVariantsBeginOn2026_03_19SoAnEarlierWindowIsAnEmptyList() {
        String route = "/position-metrics/coin/BTC/segment/1?" + SandboxClient.ALL_TIME;
        for (String recency : new String[] {"24h", "7d", "30d"}) {
            JsonNode body = late.json(route + "&positionRecencyTimeframe=" + recency);
            assertThat(body.get("metrics").size()).as(recency).isZero();
            assertThat(body.get("nextCursor").isNull()).isTrue();
        }
        assertThat(late.json(route + "&positionRecencyTimeframe=all")
                        .get("metrics")
                        .size())
                .isPositive();
    }

    @Test
    void aWindowEntirelyBeforeTheHistoryIsAnEmptyListNotAnError() {
        JsonNode body =
                late.json("/position-metrics/coin/ETH?start=2026-01-01T00:00:00.000Z&end=2026-02-18T23:59:59.000Z");
        assertThat(body.get("metrics").size()).isZero();
        assertThat(early.json("/position-metrics/general?start=2025-03-10T00:00:00.000Z&end=2025-04-30T00:00:00.000Z")
                        .get("metrics")
                        .size())
                .isZero();
        assertThat(early.json("/positions?start=2025-03-03T00:00:00.000Z&end=2025-04-03T23:59:59.000Z")
                        .get("positions")
                        .size())
                .isZero();
    }

    @Test
    void theOverviewBeginsInMay2025AndPositionsOn2025_04_04() {
        List<String> general =
                times(early, "/position-metrics/general?" + SandboxClient.ALL_TIME, "metrics", "createdAt");
        assertThat(general.get(0)).isEqualTo("2025-05-01T00:00:00.000Z");
        List<String> opened = times(early, "/positions?" + SandboxClient.ALL_TIME, "positions", "openTime");
        assertThat(opened).isNotEmpty().allMatch(t -> t.compareTo("2025-04-04T00:00:00.000Z") >= 0);
        // the generated market has positions opened before: only the listing hides them
        assertThat(earlyServer.data().positions().stream()
                        .anyMatch(p -> p.openTime().isBefore(Instant.parse("2025-04-04T00:00:00Z"))))
                .isTrue();
    }
}
