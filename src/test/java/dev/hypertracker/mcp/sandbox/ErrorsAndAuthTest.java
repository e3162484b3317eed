package dev.hypertracker.mcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Auth, the API's 400 validation format (NestJS's: {"statusCode":400,"message":[…],"error":"Bad Request"}), 404s. */
class ErrorsAndAuthTest {

    private static SandboxServer server;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxClient.smallConfig().withToken("t0ken"));
        client = new SandboxClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertBadRequest(String path, String property, String message) {
        HttpResponse<String> r = client.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(400);
        JsonNode error = SandboxClient.parse(r.body());
        assertThat(error.get("statusCode").intValue()).isEqualTo(400);
        assertThat(error.get("error").stringValue()).isEqualTo("Bad Request");
        assertThat(error.get("message").isArray()).isTrue();
        assertThat(error.get("message").toString()).contains(message).contains(property);
    }

    @Test
    void missingOrWrongTokenIs401WithAJsonBody() {
        for (String authorization : new String[] {null, "Bearer wrong", "t0ken", "Basic t0ken", "bearer t0ken2"}) {
            HttpResponse<String> r = client.getWithAuthorization("/positions/coins", authorization);
            assertThat(r.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
            assertThat(SandboxClient.parse(r.body()).get("statusCode").intValue())
                    .isEqualTo(401);
        }
        assertThat(client.getWithAuthorization("/positions/coins", "Bearer t0ken")
                        .statusCode())
                .isEqualTo(200);
        assertThat(server.token()).isEqualTo("t0ken");
    }

    @Test
    void startIsRequiredWhereTheApiRequiresIt() {
        for (String path : new String[] {
            "/positions",
            "/metrics/perp-volume",
            "/position-metrics/coin/BTC",
            "/position-metrics/coin/BTC/segment/3",
            "/position-metrics/coin/BTC/position-size-bucket/3",
            "/position-metrics/general",
            "/position-metrics/coin/NOPE"
        }) {
            assertBadRequest(path, "start", "start should not be empty");
        }
    }

    @Test
    void badTimesAre400AndEpochMillisAreRejected() {
        assertThat(client.get("/positions?start=1740441600000").body())
                .isEqualTo(
                        "{\"statusCode\":400,\"message\":[\"start must be a valid ISO 8601 date string\"],\"error\":\"Bad Request\"}");
        assertBadRequest("/positions?start=yesterday", "start", "ISO 8601");
        assertBadRequest(
                "/positions?start=2026-06-27T00:00:00Z&end=1740441600000",
                "end",
                "end must be a valid ISO 8601 date string");
        assertBadRequest("/position-metrics/general?start=2026-13-01", "start", "ISO 8601");
        for (String ok : new String[] {
            "2026-06-27", "2026-06-27T00:00:00Z", "2026-06-27T00:00:00.000Z", "2026-06-27T01:00:00+01:00"
        }) {
            assertThat(client.get("/metrics/perp-volume?start=" + ok.replace("+", "%2B"))
                            .statusCode())
                    .as(ok)
                    .isEqualTo(200);
        }
    }

    @Test
    void limitsAreCappedWith400() {
        assertBadRequest("/positions?start=2026-06-27&limit=1001", "limit", "limit must not be greater than 1000");
        assertBadRequest("/positions?start=2026-06-27&limit=0", "limit", "limit must not be less than 1");
        assertBadRequest("/positions?start=2026-06-27&limit=ten", "limit", "limit must be an integer number");
        assertBadRequest("/position-metrics/coin/BTC?start=2026-06-27&limit=5000", "limit", "greater than 1000");
        assertBadRequest("/1/assets/liquidation-risk?limit=501", "limit", "limit must not be greater than 500");
        assertBadRequest("/1/assets/liquidation-risk?offset=-1", "offset", "offset must not be less than 0");
        assertThat(client.get("/1/assets/liquidation-risk?limit=500").statusCode())
                .isEqualTo(200);
    }

    @Test
    void otherParametersAreValidated() {
        assertBadRequest("/positions?start=2026-06-27&open=yes", "open", "open must be a boolean value");
        assertBadRequest("/positions?start=2026-06-27&segmentId=17", "segmentId", "must not be greater than 16");
        assertBadRequest("/positions?start=2026-06-27&address=0x123", "address", "address must be an Ethereum address");
        assertBadRequest(
                "/positions?start=2026-06-27&nextCursor=garbage", "nextCursor", "nextCursor must be a valid cursor");
        assertBadRequest("/positions/heatmap?openedWithin=1y", "openedWithin", "24h, 7d, 30d, all");
        assertBadRequest(
                "/position-metrics/coin/BTC/segment/4?start=2026-06-27&positionRecencyTimeframe=2d",
                "positionRecencyTimeframe",
                "24h");
        // not a parameter of the per-coin route: ignored there, like every parameter the API does not know
        assertThat(client.get("/position-metrics/coin/BTC?start=2026-06-27&positionRecencyTimeframe=2d")
                        .statusCode())
                .isEqualTo(200);
        assertBadRequest(
                "/position-metrics/coin/BTC?start=2026-06-27&nextCursor=eyJ4IjoxfQ", "nextCursor", "valid cursor");
    }

    @Test
    void badSegmentOrBucketInThePathIs400() {
        assertBadRequest("/0/assets/liquidation-risk", "segmentId", "must not be less than 1");
        assertBadRequest("/17/assets/liquidation-risk", "segmentId", "must not be greater than 16");
        assertBadRequest("/whales/assets/liquidation-risk", "segmentId", "must be an integer number");
        assertBadRequest("/position-metrics/coin/BTC/segment/99?start=2026-06-27", "segmentId", "greater than 16");
        assertBadRequest(
                "/position-metrics/coin/BTC/position-size-bucket/11?start=2026-06-27",
                "sizeBucketId",
                "greater than 10");
    }

    @Test
    void unknownOrWrongCaseCoinInAMetricsPathIsAnEmptyList() {
        for (String coin : new String[] {"XYZ:GOLD", "btc", "NOPE"}) {
            for (String route : new String[] {"", "/segment/4", "/position-size-bucket/2"}) {
                JsonNode body = client.json("/position-metrics/coin/" + coin + route + "?start=2026-06-27");
                assertThat(body.get("metrics").isEmpty()).as(coin + route).isTrue();
                assertThat(body.get("nextCursor").isNull()).isTrue();
            }
        }
        assertThat(client.json("/position-metrics/coin/BTC?start=2026-06-27")
                        .get("metrics")
                        .isEmpty())
                .isFalse();
        assertThat(client.get("/exports/coins/NOPE/positions").statusCode()).isEqualTo(404);
    }

    @Test
    void unknownRoutesAndOtherMethodsAre404() throws Exception {
        HttpResponse<String> r = client.get("/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(SandboxClient.parse(r.body()).get("message").stringValue())
                .isEqualTo("Cannot GET /api/external/nope");
        HttpResponse<String> post = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/external/positions/coins"))
                                .header("Authorization", "Bearer t0ken")
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(404);
    }
}
