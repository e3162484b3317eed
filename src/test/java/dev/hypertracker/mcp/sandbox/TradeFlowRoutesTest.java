package dev.hypertracker.mcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The trade-flow routes' documented caps as the API's 400s, their 404, paging and the liquidation order quirk. */
class TradeFlowRoutesTest {

    private static SandboxServer server;
    private static SandboxClient client;
    private static final String WALLET_A = "0x" + "a".repeat(40);

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxClient.smallConfig());
        client = new SandboxClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertBadRequest(String path, String message) {
        HttpResponse<String> r = client.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(400);
        JsonNode error = SandboxClient.parse(r.body());
        assertThat(error.get("error").stringValue()).isEqualTo("Bad Request");
        assertThat(error.get("message").toString()).as(path).contains(message);
    }

    @Test
    void documentedCapsAndRequiredArgumentsAre400() {
        assertBadRequest("/fills?start=2026-06-27", "address should not be empty");
        assertBadRequest("/fills?address=" + WALLET_A, "start should not be empty");
        StringBuilder eleven = new StringBuilder("/fills?start=2026-06-27");
        for (int k = 0; k < 11; k++) eleven.append("&address=0x").append(String.format("%040x", k));
        assertBadRequest(eleven.toString(), "no more than 10 elements");
        assertBadRequest(
                "/fills?address=" + WALLET_A + "&start=2026-06-27T10:00:00Z&end=2026-06-28T00:00:00Z",
                "end must be on the same UTC day as start");
        assertBadRequest("/fills?address=" + WALLET_A + "&start=2026-06-27&limit=1001", "greater than 1000");
        assertBadRequest("/fills?address=" + WALLET_A + "&start=2026-06-27&side=buy", "side must be one of");
        assertBadRequest("/fundings", "address should not be empty");
        assertBadRequest(
                "/fundings?address=" + WALLET_A + "&startTime=2026-05-01&endTime=2026-06-01T00:00:01Z",
                "endTime must be at most 1 month after startTime");
        assertBadRequest("/fundings?address=" + WALLET_A + "&limit=501", "greater than 500");
        assertBadRequest("/closed-trades?address=" + WALLET_A + "&startTime=2026-04-01", "at most 1 month");
        assertBadRequest("/closed-trades/summary?address=" + WALLET_A + "&interval=7d", "interval must be one of");
        assertBadRequest("/closed-trades/0x1234", "hash must be a valid transaction hash");
        assertBadRequest("/fills/liquidation?start=2026-03-01&end=2026-06-01T00:00:01Z", "at most 3 months");
        assertThat(client.get("/closed-trades/0x" + "0".repeat(64)).statusCode())
                .isEqualTo(404);
        assertThat(client.get("/fills?address=" + WALLET_A + "&start=2026-06-27T10:00:00Z&end=2026-06-27T23:59:59Z")
                        .statusCode())
                .isEqualTo(200);
    }

    private static List<JsonNode> allPages(String path, String key) {
        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = client.json(path + (cursor == null ? "" : "&nextCursor=" + cursor));
            page.get(key).values().forEach(rows::add);
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").stringValue();
        } while (cursor != null);
        return rows;
    }

    @Test
    void liquidationFillsAreNewestFirstWithoutStartOldestFirstWithItAndPageWithoutGapsOrRepeats() {
        List<JsonNode> newest = allPages("/fills/liquidation?coin=BTC&limit=7", "fills");
        List<JsonNode> oldest = allPages("/fills/liquidation?coin=BTC&start=2026-04-02&limit=7", "fills");
        assertThat(newest).hasSizeGreaterThan(7);
        List<String> newestHashes =
                newest.stream().map(f -> f.get("hash").stringValue()).toList();
        List<String> oldestHashes = new ArrayList<>(
                oldest.stream().map(f -> f.get("hash").stringValue()).toList());
        assertThat(newestHashes).doesNotHaveDuplicates();
        java.util.Collections.reverse(oldestHashes);
        assertThat(oldestHashes).isEqualTo(newestHashes);
        for (int k = 1; k < newest.size(); k++)
            assertThat(newest.get(k).get("time").stringValue())
                    .isLessThanOrEqualTo(newest.get(k - 1).get("time").stringValue());
        assertThat(newest).allMatch(f -> f.get("liquidatedUser").isString());
    }
}
