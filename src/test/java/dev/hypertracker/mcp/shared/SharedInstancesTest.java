package dev.hypertracker.mcp.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.config.Secret;
import dev.hypertracker.mcp.config.Settings;
import dev.hypertracker.mcp.sandbox.SandboxServer;
import dev.hypertracker.mcp.server.HyperTrackerServer;
import dev.hypertracker.mcp.support.ManualClock;
import dev.hypertracker.mcp.support.RedisProcess;
import dev.hypertracker.mcp.support.SandboxHarness;
import dev.hypertracker.mcp.tools.ToolSelection;
import dev.hypertracker.mcp.transport.HttpTransportConfig;
import dev.hypertracker.mcp.transport.HttpTransportServer;
import dev.hypertracker.mcp.transport.TransportKind;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two server instances (stateless Streamable HTTP, each with its own Redis connection) in front of one sandbox and
 * one real redis-server: what one instance fetched or made, the other serves; the upstream budget is spent once;
 * and when Redis dies, calls keep working on each instance's own state until it is back. The instances' clock is
 * virtual (their Redis retry interval, cache TTLs and rate-limit refills follow it).
 */
class SharedInstancesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ALICE = "alice-client-token";
    private static final String BOB = "bob-client-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger IDS = new AtomicInteger();

    private RedisProcess redis;
    private SandboxServer sandbox;
    private final ManualClock clock = new ManualClock();
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void start() {
        redis = RedisProcess.start();
        sandbox = SandboxServer.start(SandboxHarness.SMALL);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
        sandbox.close();
        redis.close();
    }

    /** One instance: its own server, Redis connection and stateless HTTP endpoint taking Alice's and Bob's tokens. */
    private record Instance(HyperTrackerServer server, HttpTransportServer http) {}

    private Instance instance(int perMinute) {
        Settings settings =
                Settings.defaults(sandbox.baseUrl(), Secret.of(sandbox.token())).withRateLimit(perMinute);
        SharedStore store = redis.connect(settings.apiToken(), clock);
        open.add(store);
        HyperTrackerServer server =
                new HyperTrackerServer(settings, ToolSelection.all(), clock, new Sharing(store, null, null));
        HttpTransportServer http = HttpTransportServer.start(
                HttpTransportConfig.defaults()
                        .withPort(0)
                        .withKinds(Set.of(TransportKind.STATELESS))
                        .withAuthToken(ALICE + "," + BOB),
                server,
                server::buildStateless);
        open.add(http);
        return new Instance(server, http);
    }

    private static JsonNode rpc(Instance at, String token, String method, Map<String, Object> params) throws Exception {
        String body = JSON.writeValueAsString(
                Map.of("jsonrpc", "2.0", "id", IDS.incrementAndGet(), "method", method, "params", params));
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(at.http().endpointUrl(TransportKind.STATELESS))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode call(Instance at, String token, String tool, Map<String, Object> args) throws Exception {
        JsonNode result = rpc(at, token, "tools/call", Map.of("name", tool, "arguments", args))
                .get("result");
        assertThat(result).as("a tools/call result").isNotNull();
        return result;
    }

    private static String text(JsonNode result) {
        return result.get("content").get(0).get("text").asString();
    }

    private static String sharedStore(Instance at) throws Exception {
        return call(at, ALICE, "get_server_status", Map.of())
                .get("structuredContent")
                .get("sharedStore")
                .asString();
    }

    private int upstreamRequests() {
        return sandbox.requestLog().entries().size();
    }

    @Test
    void anAnswerFetchedOnOneInstanceIsServedByTheOtherWithoutAnUpstreamRequest() throws Exception {
        Instance a = instance(60);
        Instance b = instance(60);
        sandbox.requestLog().clear();

        JsonNode onA = call(a, ALICE, "get_positions_heatmap", Map.of("coin", "BTC"));
        int afterA = upstreamRequests();
        JsonNode onB = call(b, BOB, "get_positions_heatmap", Map.of("coin", "BTC"));

        assertThat(afterA).isPositive();
        assertThat(upstreamRequests())
                .as(
                        "B read A's answer from the shared cache: %s",
                        sandbox.requestLog().entries())
                .isEqualTo(afterA);
        assertThat(onB.get("structuredContent").get("cached").asBoolean()).isTrue();
        assertThat(onB.get("isError").asBoolean(false)).isFalse();
        assertThat(text(onB).replaceAll("\\nFull data: .*", ""))
                .isEqualTo(text(onA).replaceAll("\\nFull data: .*", ""));
        assertThat(sharedStore(a)).isEqualTo("up");
    }

    @Test
    void callsSpreadOverBothInstancesNeverExceedTheSharedPerMinuteLimit() throws Exception {
        int perMinute = 5; // a token every 12 s: longer than a request queues (10 s), so the clock stands still
        List<Instance> both = List.of(instance(perMinute), instance(perMinute));
        sandbox.requestLog().clear();
        List<String> coins =
                List.of("BTC", "ETH", "SOL", "HYPE", "XRP", "DOGE", "BNB", "AVAX", "LINK", "SUI", "ADA", "TRX");
        int refused = 0;
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < coins.size(); i++) {
            JsonNode r = call(both.get(i % 2), ALICE, "list_positions", Map.of("coin", coins.get(i)));
            texts.add(text(r).substring(0, Math.min(200, text(r).length())));
            if (r.get("isError").asBoolean(false)) {
                assertThat(text(r)).contains("shared by every instance").contains("5 per minute");
                refused++;
            }
        }
        // each instance's own limiter would have let 5 through, 10 in all
        assertThat(upstreamRequests()).as("%s", texts).isEqualTo(perMinute);
        assertThat(refused).isPositive();
    }

    @Test
    void aResultMadeOnOneInstanceIsReadableOnTheOtherByTheSamePrincipalOnly() throws Exception {
        Instance a = instance(60);
        Instance b = instance(60);
        JsonNode made = call(a, ALICE, "get_positions_heatmap", Map.of("coin", "ETH"));
        String uri = made.get("structuredContent").get("resourceUri").asString();

        JsonNode alice = rpc(b, ALICE, "resources/read", Map.of("uri", uri));
        assertThat(alice.get("result").get("contents").get(0).get("text").asString())
                .contains("\"tool\":\"get_positions_heatmap\"");
        JsonNode aliceCsv = rpc(b, ALICE, "resources/read", Map.of("uri", uri + "/csv"));
        assertThat(aliceCsv.get("result").get("contents").get(0).get("mimeType").asString())
                .isEqualTo("text/csv");

        JsonNode bob = rpc(b, BOB, "resources/read", Map.of("uri", uri));
        assertThat(bob.get("result")).isNull();
        assertThat(bob.get("error").get("message").asString()).contains("unknown");
    }

    @Test
    void whenRedisDiesCallsKeepWorkingOnEachInstancesOwnStateAndSharingResumesAfterARestart() throws Exception {
        Instance a = instance(60);
        Instance b = instance(60);
        assertThat(sharedStore(a)).isEqualTo("up");

        redis.kill();
        JsonNode duringOutage = call(a, ALICE, "get_positions_heatmap", Map.of("coin", "SOL"));
        assertThat(duringOutage.get("isError").asBoolean(false))
                .as(text(duringOutage))
                .isFalse();
        assertThat(sharedStore(a)).isEqualTo("down");
        JsonNode onB = call(b, ALICE, "get_positions_heatmap", Map.of("coin", "SOL"));
        assertThat(onB.get("isError").asBoolean(false)).as(text(onB)).isFalse();
        // its own result store still serves its own results
        String uri = duringOutage.get("structuredContent").get("resourceUri").asString();
        assertThat(rpc(a, ALICE, "resources/read", Map.of("uri", uri)).get("result"))
                .isNotNull();

        redis.restart();
        assertThat(sharedStore(a)).as("not retried before the interval").isEqualTo("down");
        clock.advance(SharedStore.RETRY_INTERVAL);
        assertThat(sharedStore(a)).isEqualTo("up");

        sandbox.requestLog().clear();
        call(a, ALICE, "get_positions_heatmap", Map.of("coin", "HYPE"));
        int afterA = upstreamRequests();
        clock.advance(SharedStore.RETRY_INTERVAL); // B noticed the outage too: it reconnects on its next use
        call(b, ALICE, "get_positions_heatmap", Map.of("coin", "HYPE"));
        assertThat(upstreamRequests()).as("shared again: B reads A's answer").isEqualTo(afterA);
    }
}
