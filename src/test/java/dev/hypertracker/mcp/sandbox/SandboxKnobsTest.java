package dev.hypertracker.mcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The real API's rate-limit headers and daily quota, and the knobs that switch on its quirks. */
class SandboxKnobsTest {

    private static SandboxConfig small() {
        return SandboxClient.smallConfig().withPositions(2_000).withWallets(400);
    }

    @Test
    void everyResponseCarriesRateLimitHeadersAndASpentQuotaIs429UntilMidnightUtc() {
        try (SandboxServer server = SandboxServer.start(small().withDailyQuota(3))) {
            SandboxClient client = new SandboxClient(server);
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = client.get("/segments");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
                assertThat(r.headers().firstValue("X-RateLimit-Remaining")).hasValue(String.valueOf(2 - i));
            }
            HttpResponse<String> spent = client.get("/positions/coins");
            assertThat(spent.statusCode()).isEqualTo(429);
            JsonNode body = SandboxClient.parse(spent.body());
            assertThat(body.get("error").stringValue()).isEqualTo("rate_limit_exceeded");
            long reset = Long.parseLong(
                    spent.headers().firstValue("X-RateLimit-Reset").orElseThrow());
            assertThat(Instant.ofEpochSecond(reset).getEpochSecond() % 86_400)
                    .as("midnight UTC")
                    .isZero();
            assertThat(body.get("retry_after").longValue()).isPositive().isLessThanOrEqualTo(86_400);
            assertThat(spent.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
            // errors carry the headers too; an unauthorized request does not count
            assertThat(client.getWithAuthorization("/segments", "Bearer nope")
                            .headers()
                            .firstValue("X-RateLimit-Limit"))
                    .hasValue("3");
        }
    }

    @Test
    void numbersAsStringsServesEveryNumberAsAString() {
        try (SandboxServer server = SandboxServer.start(small().withNumbersAsStrings(true))) {
            SandboxClient client = new SandboxClient(server);
            JsonNode coin = client.json("/positions/coins").get(0);
            assertThat(coin.get("totalValue").isString()).isTrue();
            assertThat(coin.get("count").isString()).isTrue();
            assertThat(new java.math.BigDecimal(coin.get("totalValue").stringValue()))
                    .isPositive();
            JsonNode row = client.json("/position-metrics/coin/BTC?start=2026-07-01T00:00:00.000Z")
                    .get("metrics")
                    .get(0);
            assertThat(row.get("positionCount").isString()).isTrue();
            // error bodies keep their shape
            assertThat(SandboxClient.parse(client.get("/positions").body())
                            .get("statusCode")
                            .isNumber())
                    .isTrue();
        }
    }

    @Test
    void legacyErrorsUseTheOlderValidationShape() {
        try (SandboxServer server = SandboxServer.start(small().withLegacyErrors(true))) {
            HttpResponse<String> r = new SandboxClient(server).get("/positions?start=1740441600000");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body())
                    .isEqualTo(
                            "{\"errors\":[{\"property\":\"start\",\"errors\":[\"start must be a valid ISO 8601 date string\"]}]}");
        }
    }

    @Test
    void driftedRenamesTheSideOfPositionRows() {
        try (SandboxServer server = SandboxServer.start(small().withDrifted(true))) {
            JsonNode row = new SandboxClient(server)
                    .json("/positions?" + SandboxClient.ALL_TIME + "&limit=1")
                    .get("positions")
                    .get(0);
            assertThat(row.has("side")).isFalse();
            assertThat(row.get("direction").stringValue()).isIn("long", "short");
        }
    }

    @Test
    void defaultsServeTheCurrentShapes() {
        try (SandboxServer server = SandboxServer.start(small())) {
            JsonNode row = new SandboxClient(server)
                    .json("/positions?" + SandboxClient.ALL_TIME + "&limit=1")
                    .get("positions")
                    .get(0);
            assertThat(row.get("side").stringValue()).isIn("long", "short");
            assertThat(row.get("positionValue").isNumber()).isTrue();
        }
    }
}
