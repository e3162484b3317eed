package dev.hypertracker.mcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypertracker.mcp.support.ManualClock;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;

/** Each fault mode, for the next N requests of a route only; and the request log. */
class FaultInjectionTest {

    private static final String COINS = "/api/external/positions/coins";

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

    @AfterEach
    void reset() {
        server.faults().clear();
        server.requestLog().clear();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 401, 402, 403, 404, 429})
    void statusFaultAnswersThatStatusThenRecovers(int status) {
        server.faults().on(COINS, Fault.status(status), 2);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = client.get("/positions/coins");
            assertThat(r.statusCode()).isEqualTo(status);
            if (status == 502) assertThat(r.body()).contains("502 Bad Gateway");
            else assertThat(SandboxClient.parse(r.body()).isObject()).isTrue();
        }
        assertThat(server.faults().pending(COINS)).isZero();
        assertThat(client.get("/positions/coins").statusCode()).isEqualTo(200);
    }

    @Test
    void rateLimitWithAndWithoutRetryAfterHeader() {
        server.faults().on(COINS, Fault.rateLimited(42, true)).on(COINS, Fault.rateLimited(7, false));
        HttpResponse<String> first = client.get("/positions/coins");
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("retry-after")).contains("42");
        var body = SandboxClient.parse(first.body());
        assertThat(body.get("error").stringValue()).isEqualTo("rate_limit_exceeded");
        assertThat(body.get("retry_after").intValue()).isEqualTo(42);
        assertThat(body.get("message").stringValue()).isNotBlank();
        HttpResponse<String> second = client.get("/positions/coins");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("retry-after")).isEmpty();
        assertThat(SandboxClient.parse(second.body()).get("retry_after").intValue())
                .isEqualTo(7);
    }

    @Test
    void delayWaitsThenAnswersNormally() {
        ManualClock clock = new ManualClock();
        server.useTime(clock);
        Instant started = clock.instant();
        server.faults().on(COINS, Fault.delay(Duration.ofMillis(300)));
        assertThat(client.get("/positions/coins").statusCode()).isEqualTo(200);
        assertThat(Duration.between(started, clock.instant())).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void malformedBodyIsNotJson() {
        server.faults().on(COINS, Fault.malformedBody());
        HttpResponse<String> r = client.get("/positions/coins");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        assertThatThrownBy(() -> SandboxClient.parse(r.body())).isInstanceOf(JacksonException.class);
    }

    @Test
    void truncatedBodyDropsTheConnectionMidBody() {
        server.faults().on(COINS, Fault.truncatedBody());
        assertThatThrownBy(() -> client.get("/positions/coins")).isInstanceOf(UncheckedIOException.class);
        assertThat(client.get("/positions/coins").statusCode()).isEqualTo(200);
    }

    @Test
    void truncatedJsonIsACompleteResponseWithHalfTheBody() {
        String whole = client.get("/positions/coins").body();
        server.faults().on(COINS, Fault.truncatedJson());
        HttpResponse<String> r = client.get("/positions/coins");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(whole).startsWith(r.body());
        assertThat(r.body().length()).isLessThan(whole.length());
        assertThatThrownBy(() -> SandboxClient.parse(r.body())).isInstanceOf(JacksonException.class);
    }

    @Test
    void templateRoutesMatchEveryCoin() {
        server.faults().on("/api/external/position-metrics/coin/{coin}", Fault.status(503), 2);
        assertThat(client.get("/position-metrics/coin/BTC?start=2026-07-01").statusCode())
                .isEqualTo(503);
        assertThat(client.get("/position-metrics/coin/BTC/segment/1?start=2026-07-01")
                        .statusCode())
                .isEqualTo(200);
        assertThat(client.get("/position-metrics/coin/xyz:GOLD?start=2026-07-01")
                        .statusCode())
                .isEqualTo(503);
        assertThat(client.get("/position-metrics/coin/ETH?start=2026-07-01").statusCode())
                .isEqualTo(200);
    }

    @Test
    void requestLogRecordsPathQueryBearerAndStatusButNoToken() {
        client.get("/positions?start=2026-07-01T00:00:00.000Z&address=0x" + "a".repeat(40) + "&address=0x"
                + "b".repeat(40));
        client.getWithAuthorization("/positions/coins", null);
        List<RequestLog.Entry> entries = server.requestLog().entries();
        assertThat(entries).hasSize(2);
        RequestLog.Entry first = entries.get(0);
        assertThat(first.method()).isEqualTo("GET");
        assertThat(first.path()).isEqualTo("/api/external/positions");
        assertThat(first.rawQuery()).startsWith("start=2026-07-01T00:00:00.000Z&address=");
        assertThat(first.query().get("address")).containsExactly("0x" + "a".repeat(40), "0x" + "b".repeat(40));
        assertThat(first.bearerSent()).isTrue();
        assertThat(first.status()).isEqualTo(200);
        assertThat(entries.get(1).bearerSent()).isFalse();
        assertThat(entries.get(1).status()).isEqualTo(401);
        assertThat(entries.toString()).doesNotContain(server.token());
        assertThat(server.requestLog().count("/api/external/positions")).isEqualTo(1);
    }
}
