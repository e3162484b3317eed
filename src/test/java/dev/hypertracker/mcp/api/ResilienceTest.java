package dev.hypertracker.mcp.api;

import static dev.hypertracker.mcp.support.SandboxHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.config.Settings;
import dev.hypertracker.mcp.sandbox.Fault;
import dev.hypertracker.mcp.sandbox.RequestLog;
import dev.hypertracker.mcp.support.ManualClock;
import dev.hypertracker.mcp.support.SandboxHarness;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The resilience features of the upstream client, proven through the tool call path against the sandbox: cache
 * (hit, fresh, TTL), coalescing, rate limiter, counters, call deadline, circuit breaker, partial pages.
 */
class ResilienceTest {
    static final String EXPOSURE = "/api/external/positions/coins";
    static final String POSITIONS = "/api/external/positions";
    static final String EXPOSURE_TOOL = "get_open_exposure_by_coin";

    static SandboxHarness start(UnaryOperator<Settings> tune, ManualClock clock) {
        return SandboxHarness.start(SandboxHarness.SMALL, tune, clock);
    }

    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(CallToolResult r) {
        return (Map<String, Object>) r.structuredContent();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> status(SandboxHarness h) {
        CallToolResult r = h.call("get_server_status", Map.of());
        assertThat(r.isError()).isNotEqualTo(Boolean.TRUE);
        return structured(r);
    }

    @SuppressWarnings("unchecked")
    static long counter(SandboxHarness h, String name) {
        return ((Number) ((Map<String, Object>) status(h).get("counters")).get(name)).longValue();
    }

    static CallToolResult ok(SandboxHarness h, String tool, Map<String, Object> args) {
        CallToolResult r = h.call(tool, args);
        assertThat(r.isError()).as(text(r)).isNotEqualTo(Boolean.TRUE);
        return r;
    }

    static int upstream(SandboxHarness h, String route) {
        return h.sandbox().requestLog().count(route);
    }

    @Test
    void cacheServesRepeatsWithoutUpstreamFreshBypassesItAndEntriesExpireAfterTheirTtl() {
        ManualClock clock = new ManualClock();
        try (SandboxHarness h = start(s -> s, clock)) {
            CallToolResult first = ok(h, EXPOSURE_TOOL, Map.of());
            assertThat(upstream(h, EXPOSURE)).isEqualTo(1);
            assertThat(structured(first)).doesNotContainKey("cached");

            CallToolResult repeat = ok(h, EXPOSURE_TOOL, Map.of());
            assertThat(upstream(h, EXPOSURE))
                    .as("a repeated call is served from the cache")
                    .isEqualTo(1);
            assertThat(structured(repeat)).containsEntry("cached", true);
            assertThat(withoutResourceUri(repeat)).isEqualTo(withCached(withoutResourceUri(first)));

            ok(h, EXPOSURE_TOOL, Map.of("fresh", true));
            assertThat(upstream(h, EXPOSURE)).as("fresh:true skips the cache").isEqualTo(2);

            clock.advance(Duration.ofMinutes(9)); // the exposure TTL is 10 min, counted from the fresh call
            ok(h, EXPOSURE_TOOL, Map.of());
            assertThat(upstream(h, EXPOSURE)).as("still within the TTL").isEqualTo(2);

            clock.advance(Duration.ofMinutes(2));
            ok(h, EXPOSURE_TOOL, Map.of());
            assertThat(upstream(h, EXPOSURE)).as("expired after the TTL").isEqualTo(3);

            assertThat(counter(h, "cacheHits")).isEqualTo(2);
            assertThat(counter(h, "upstreamRequests")).isEqualTo(3);
            assertThat(counter(h, "toolCalls")).isEqualTo(5);
        }
    }

    @Test
    void rateLimiterQueuesBrieflyInsteadOfSendingRequestsThatWouldGet429() {
        ManualClock clock = new ManualClock();
        try (SandboxHarness h = start(s -> s.withRateLimit(60), clock)) {
            for (int i = 0; i < 60; i++)
                ok(h, "get_data_freshness", Map.of("fresh", true)); // the burst: a minute's worth
            Instant t0 = clock.instant();
            ok(h, "get_data_freshness", Map.of("fresh", true));
            assertThat(Duration.between(t0, clock.instant()))
                    .as("the 61st request waited for a token (1/s), in virtual time")
                    .isEqualTo(Duration.ofSeconds(1));
            assertThat(h.sandbox().requestLog().entries()).noneMatch(e -> e.status() == 429);
            assertThat(counter(h, "upstreamRequests")).isEqualTo(61);
            assertThat(counter(h, "throttledLocally")).isZero();
            assertThat(counter(h, "rateLimited429")).isZero();
        }
    }

    @Test
    void rateLimiterFailsFastWithAnActionableMessageWhenTheWaitWouldBeTooLong() {
        ManualClock clock = new ManualClock();
        try (SandboxHarness h = start(s -> s.withRateLimit(1), clock)) {
            ok(h, "get_data_freshness", Map.of());
            Instant t0 = clock.instant();
            CallToolResult r = h.call("get_data_freshness", Map.of("fresh", true));
            assertThat(clock.instant()).as("answered without waiting").isEqualTo(t0);
            assertThat(r.isError()).isTrue();
            assertThat(text(r))
                    .contains("limit of 1 HyperTracker requests per minute")
                    .contains("retry in");
            assertThat(upstream(h, "/api/external/hypertracker/state/status")).isEqualTo(1);
            assertThat(counter(h, "throttledLocally")).isEqualTo(1);
            assertThat(counter(h, "toolErrors")).isEqualTo(1);
        }
    }

    @Test
    void theCallDeadlineBoundsASlowUpstreamAndSaysSo() {
        try (SandboxHarness h =
                start(s -> s.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(1)), new ManualClock())) {
            h.sandbox().faults().on(EXPOSURE, Fault.delay(Duration.ofMillis(2_000)), 3);
            CallToolResult r = h.call(EXPOSURE_TOOL, Map.of());
            assertThat(r.isError()).isTrue();
            assertThat(text(r)).contains("ran out of its time budget").contains("narrow the query");
            assertThat(h.sandbox().faults().pending(EXPOSURE))
                    .as("no retry once the deadline passed")
                    .isEqualTo(2);
            h.sandbox().faults().clear();
            ok(h, EXPOSURE_TOOL, Map.of());
        }
    }

    @Test
    void theCallDeadlineCoversPaginationAndKeepsThePagesRead() {
        try (SandboxHarness h =
                start(s -> s.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(1)), new ManualClock())) {
            h.sandbox().faults().on(POSITIONS, Fault.delay(Duration.ofMillis(600)), 5);
            CallToolResult r = ok(h, "list_positions", args("coin", "BTC", "limit", 100, "maxPages", 5));
            assertThat(h.sandbox().faults().pending(POSITIONS))
                    .as("page 3 was never asked for")
                    .isEqualTo(3);
            Map<String, Object> s = structured(r);
            assertThat(s).containsEntry("complete", false).containsEntry("pagesFetched", 1);
            assertThat(s.get("nextCursor")).isNotNull();
            assertThat((String) s.get("incompleteNote"))
                    .contains("Page 2 failed")
                    .contains("time budget");
        }
    }

    @Test
    void theCallDeadlineCoversExportDownloads() {
        try (SandboxHarness h =
                start(s -> s.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(1)), new ManualClock())) {
            h.sandbox().faults().on("/files/exports/BTC/positions.json", Fault.delay(Duration.ofMillis(2_000)), 2);
            CallToolResult r = h.call("export_coin_positions", Map.of("coin", "BTC"));
            assertThat(r.isError()).isTrue();
            assertThat(text(r)).contains("time budget");
            assertThat(h.sandbox().faults().pending("/files/exports/BTC/positions.json"))
                    .as("one download, cut at the deadline")
                    .isEqualTo(1);
        }
    }

    @Test
    void repeatedServerErrorsOpenTheBreakerWhichFailsFastThenRecoversAfterTheCoolDown() {
        ManualClock clock = new ManualClock();
        try (SandboxHarness h = start(s -> s.withRetries(0, Duration.ofSeconds(5)), clock)) {
            h.sandbox().faults().on(EXPOSURE, Fault.status(503), 5);
            for (int i = 0; i < 5; i++) {
                CallToolResult r = h.call(EXPOSURE_TOOL, Map.of());
                assertThat(r.isError()).isTrue();
                assertThat(text(r)).contains("HyperTracker is failing (HTTP 503) after 1 attempt.");
            }
            assertThat(upstream(h, EXPOSURE)).isEqualTo(5);
            assertThat(status(h)).containsEntry("circuitBreakerOpen", true);

            Instant t0 = clock.instant();
            CallToolResult fast = h.call(EXPOSURE_TOOL, Map.of());
            assertThat(clock.instant()).as("answered at once").isEqualTo(t0);
            assertThat(fast.isError()).isTrue();
            assertThat(text(fast))
                    .contains("failed 5 times in a row")
                    .contains("pauses calls")
                    .contains("30 s")
                    .contains("Try again");
            assertThat(upstream(h, EXPOSURE))
                    .as("no request while the breaker is open")
                    .isEqualTo(5);

            clock.advance(Duration.ofSeconds(31));
            ok(h, EXPOSURE_TOOL, Map.of());
            assertThat(upstream(h, EXPOSURE)).isEqualTo(6);
            assertThat(status(h)).containsEntry("circuitBreakerOpen", false);
        }
    }

    @Test
    void anUnreachableApiIsReportedAsSuchAndNotConfusedWithABrokenAnswer() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (SandboxHarness h = start(
                s -> new Settings(
                        java.net.URI.create("http://127.0.0.1:" + closedPort),
                        s.apiToken(),
                        false,
                        s.connectTimeout(),
                        s.requestTimeout(),
                        s.callDeadline(),
                        0,
                        s.maxRetryAfter(),
                        s.requestsPerMinute(),
                        s.cacheMaxBytes(),
                        s.cacheEnabled()),
                new ManualClock())) {
            CallToolResult r = h.call(EXPOSURE_TOOL, Map.of());
            assertThat(r.isError()).isTrue();
            assertThat(text(r))
                    .contains("Could not reach HyperTracker at 127.0.0.1")
                    .contains("HYPERTRACKER_BASE_URL");
        }
    }

    @Test
    void aFailingLaterPageReturnsThePagesReadMarkedIncompleteWithTheCursorToResume() {
        try (SandboxHarness h = start(s -> s, new ManualClock())) {
            Map<String, Object> firstPageOnly = args("coin", "BTC", "limit", 100, "maxPages", 1);
            CallToolResult one = ok(h, "list_positions", firstPageOnly);
            String page2Cursor = (String) structured(one).get("nextCursor");
            assertThat(page2Cursor).isNotBlank();

            h.sandbox().faults().on(POSITIONS, Fault.status(500), 3); // page 2 and both its retries
            CallToolResult r = ok(h, "list_positions", args("coin", "BTC", "limit", 100, "maxPages", 3));
            Map<String, Object> s = structured(r);
            assertThat(s)
                    .containsEntry("complete", false)
                    .containsEntry("pagesFetched", 1)
                    .containsEntry("nextCursor", page2Cursor);
            assertThat((String) s.get("incompleteNote"))
                    .contains("Page 2 failed")
                    .contains("HTTP 500")
                    .contains("Resume with nextCursor");
            assertThat(text(r)).contains("Incomplete:");
            assertThat(h.sandbox().faults().pending(POSITIONS)).isZero();

            CallToolResult resumed = ok(
                    h, "list_positions", args("coin", "BTC", "limit", 100, "maxPages", 2, "nextCursor", page2Cursor));
            List<RequestLog.Entry> log = h.sandbox().requestLog().entries(POSITIONS);
            RequestLog.Entry resumeRequest = log.get(log.size() - 2);
            assertThat(resumeRequest.status()).isEqualTo(200);
            assertThat(resumeRequest.query().get("nextCursor")).containsExactly(page2Cursor);
            assertThat(structured(resumed)).containsEntry("pagesFetched", 2);
            assertThat(structured(resumed).get("incompleteNote")).isNull();
        }
    }

    static Map<String, Object> withoutResourceUri(CallToolResult r) {
        Map<String, Object> m = new HashMap<>(structured(r));
        m.remove("resourceUri");
        return m;
    }

    static Map<String, Object> withCached(Map<String, Object> m) {
        Map<String, Object> copy = new HashMap<>(m);
        copy.put("cached", true);
        return copy;
    }
}
