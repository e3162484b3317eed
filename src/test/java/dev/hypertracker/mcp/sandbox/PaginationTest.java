package dev.hypertracker.mcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Following nextCursor visits every row exactly once, in the API's order. */
class PaginationTest {

    private static SandboxServer server;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxClient.smallConfig());
        client = new SandboxClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void positionsPagesCoverEveryPositionOnceByOpenTime() {
        List<JsonNode> pages = client.allPages("/positions?" + SandboxClient.ALL_TIME + "&limit=1000");
        List<String> ids = new ArrayList<>();
        String previousOpen = "";
        for (JsonNode page : pages) {
            assertThat(page.get("positions").size()).isLessThanOrEqualTo(1000);
            for (JsonNode p : page.get("positions")) {
                ids.add(p.get("id").stringValue());
                assertThat(p.get("openTime").stringValue()).isGreaterThanOrEqualTo(previousOpen);
                previousOpen = p.get("openTime").stringValue();
            }
        }
        assertThat(ids).hasSize(server.data().positions().size()).doesNotHaveDuplicates();
        assertThat(pages).hasSize(20);
        assertThat(pages.get(pages.size() - 1).get("nextCursor").isNull()).isTrue();
    }

    @Test
    void filteredPagesMatchTheGroundTruth() {
        List<JsonNode> pages =
                client.allPages("/positions?" + SandboxClient.ALL_TIME + "&coin=SOL&open=false&segmentId=11&limit=100");
        Set<String> ids = new HashSet<>();
        for (JsonNode page : pages)
            for (JsonNode p : page.get("positions"))
                assertThat(ids.add(p.get("id").stringValue())).isTrue();
        long expected = server.data().positions().stream()
                .filter(p -> p.coin().equals("SOL")
                        && !p.isOpen()
                        && p.wallet().segments().contains(11))
                .count();
        assertThat(ids).hasSize((int) expected);
        assertThat(pages.size()).isGreaterThan(1);
    }

    @Test
    void lastFullPageHasNoCursorWhenNothingFollows() {
        long open = server.data().openPositions().stream()
                .filter(p -> p.coin().equals("BTC"))
                .count();
        JsonNode exact = client.json("/positions?" + SandboxClient.ALL_TIME + "&coin=BTC&open=true&limit=" + open);
        assertThat(exact.get("positions").size()).isEqualTo((int) open);
        assertThat(exact.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void coinSeriesPagesCoverEveryUpdateOnceNewestFirst() {
        List<String> times = new ArrayList<>();
        for (JsonNode page : client.allPages("/position-metrics/coin/BTC?" + SandboxClient.ALL_TIME + "&limit=400")) {
            for (JsonNode row : page.get("metrics"))
                times.add(row.get("createdAt").stringValue());
        }
        assertThat(times)
                .as("every 15 minutes")
                .hasSize(server.data().hours() * 4 + 1)
                .doesNotHaveDuplicates();
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void generalAndVolumePagesCoverTheWindowOldestFirst() {
        List<String> general = new ArrayList<>();
        for (JsonNode page : client.allPages("/position-metrics/general?" + SandboxClient.ALL_TIME + "&limit=1000")) {
            for (JsonNode row : page.get("metrics"))
                general.add(row.get("createdAt").stringValue());
        }
        assertThat(general)
                .as("every 10 minutes")
                .hasSize(server.data().hours() * 6 + 1)
                .doesNotHaveDuplicates()
                .isSorted();

        List<Integer> volumeIds = new ArrayList<>();
        for (JsonNode page : client.allPages("/metrics/perp-volume?" + SandboxClient.ALL_TIME + "&limit=999")) {
            for (JsonNode row : page.get("metrics")) volumeIds.add(row.get("id").intValue());
        }
        assertThat(volumeIds)
                .hasSize(server.data().hours())
                .doesNotHaveDuplicates()
                .isSorted();
    }

    @Test
    void seriesWindowIsInclusiveOfStartAndEnd() {
        JsonNode rows = client.json(
                        "/position-metrics/coin/ETH/segment/1?start=2026-06-29T00:00:00.000Z&end=2026-06-29T05:00:00.000Z")
                .get("metrics");
        assertThat(rows.size()).as("5 hours of 15-minute points, both ends").isEqualTo(21);
        assertThat(rows.get(0).get("createdAt").stringValue()).isEqualTo("2026-06-29T05:00:00.000Z");
    }
}
