package dev.hypertracker.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.sandbox.RequestLog;
import dev.hypertracker.mcp.sandbox.SandboxConfig;
import dev.hypertracker.mcp.sandbox.SandboxServer;
import dev.hypertracker.mcp.tools.ToolManifest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official TypeScript SDK client (and once the MCP Inspector CLI) against the built jar, over stdio, SSE and
 * Streamable HTTP, the jar pointed at an in-process sandbox: tools of every family, progress during a multi-page
 * call, a bad call, resources (reference data and a tool result as JSON and CSV), prompts, completion, and the HTTP
 * transports' refusal of a foreign Origin and of a missing token.
 */
class RealClientIT {
    private static final String AUTH_TOKEN = "real-client-it-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static SandboxServer sandbox;
    static Process httpServer;
    static final StringBuffer httpServerStderr = new StringBuffer();
    /** Reads httpServerStderr until the server closes its stderr, i.e. exits. */
    static volatile Thread httpServerStderrReader;

    static String baseUrl;
    static String scenario;

    @BeforeAll
    static void start() throws Exception {
        NodeClient.assumeAvailable();
        scenario = Files.readString(NodeClient.clientsDir().resolve("scenarios/hypertracker-full.json"));
        sandbox = SandboxServer.start(
                SandboxConfig.defaults().withPositions(20_000).withWallets(4_000));
        List<String> command = new ArrayList<>(jarCommand());
        command.addAll(List.of("--transport", "http,sse", "--port", "0", "--auth-token", AUTH_TOKEN));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(upstreamEnv());
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        httpServer = builder.start();
        baseUrl = awaitServing(httpServer, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (httpServer != null) {
                // SIGTERM: the graceful drain path (via the handle: Process.destroy would also close our end of stderr)
                httpServer.toHandle().destroy();
                // a guard against a hung server, not a timing: the drain bound itself is a unit test's concern
                boolean exited = httpServer.waitFor(60, TimeUnit.SECONDS);
                if (!exited) httpServer.destroyForcibly();
                assertThat(exited).as("SIGTERM stops the HTTP server").isTrue();
                httpServerStderrReader.join(60_000); // the reader sees the end of stderr after the exit
                assertThat(httpServerStderr.toString())
                        .as("the shutdown ran its hooks (exit %d)", httpServer.exitValue())
                        .contains("upstream counters at exit");
            }
        } finally {
            if (sandbox != null) sandbox.close();
        }
    }

    /** {@code java -jar hypertracker-mcp.jar}, with a rate limit that a test's burst of calls cannot reach. */
    static List<String> jarCommand() {
        String jar = System.getProperty("hypertracker.jar", "target/hypertracker-mcp.jar");
        assertThat(Path.of(jar)).as("the shaded jar (mvn package)").exists();
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar,
                "--rate-limit",
                "6000",
                "--tools",
                "all"); // the full scenario lists and calls tools outside the default set
    }

    static Map<String, String> upstreamEnv() {
        return Map.of("HYPERTRACKER_BASE_URL", sandbox.baseUrl().toString(), "HYPERTRACKER_API_TOKEN", sandbox.token());
    }

    /** Reads the server's stderr until it says where it serves; keeps collecting it afterwards. */
    static String awaitServing(Process process, Duration timeout) throws Exception {
        ServingProcess.Serving serving = ServingProcess.awaitServing(process, httpServerStderr, timeout);
        httpServerStderrReader = serving.stderrReader();
        return serving.url();
    }

    // ---- the full scenario over each transport ----

    @Test
    void streamableHttp() {
        sandbox.requestLog().clear();
        NodeClient.Report report = NodeClient.http(baseUrl + "/mcp", AUTH_TOKEN, scenario);
        assertFullScenario("http", report);
        assertThat(report.json().path("server").path("protocolVersion").asString())
                .isEqualTo("2025-11-25");
    }

    @Test
    void sse() {
        sandbox.requestLog().clear();
        NodeClient.Report report = NodeClient.sse(baseUrl + "/sse", AUTH_TOKEN, scenario);
        assertFullScenario("sse", report);
    }

    @Test
    void stdio() {
        sandbox.requestLog().clear();
        NodeClient.Report report = NodeClient.stdio(jarCommand(), upstreamEnv(), scenario);
        assertFullScenario("stdio", report);
        assertThat(report.json().path("stderr").asString()).doesNotContain("Exception");
    }

    private static void assertFullScenario(String transport, NodeClient.Report report) {
        Path saved = saveReport(transport, report);
        assertThat(report.failures()).as("full report: " + saved).isEmpty();
        assertThat(report.exitCode()).isZero();

        JsonNode server = report.json().path("server");
        assertThat(server.path("name").asString()).isEqualTo("hypertracker-mcp");
        for (String capability : List.of("tools", "resources", "prompts", "completions", "logging")) {
            assertThat(server.path("capabilities").has(capability))
                    .as(capability)
                    .isTrue();
        }

        assertThat(report.step("tools").path("tools"))
                .hasSize(ToolManifest.definitions().size());

        // list_positions, 3 pages of 100: progress from the server, and the pages really fetched upstream
        JsonNode positions = report.step("positions");
        assertThat(positions.path("isError").asBoolean()).isFalse();
        JsonNode progress = positions.path("progress");
        assertThat(progress).isNotEmpty();
        double last = 0;
        for (JsonNode p : progress) {
            assertThat(p.path("total").asDouble()).isEqualTo(3.0);
            assertThat(p.path("progress").asDouble()).isGreaterThan(last).isLessThanOrEqualTo(3.0);
            assertThat(p.path("message").asString()).startsWith("Fetched page ");
            last = p.path("progress").asDouble();
        }
        assertThat(positions.path("resourceLinks")).hasSize(1);
        assertThat(positions.path("resourceLinks").get(0).asString()).startsWith("hypertracker://results/");
        List<RequestLog.Entry> pages = sandbox.requestLog().entries().stream()
                .filter(e -> e.path().equals("/api/external/positions")
                        && e.rawQuery() != null
                        && e.rawQuery().contains("limit=100"))
                .toList();
        assertThat(pages).hasSize(3);
        assertThat(pages.get(1).rawQuery()).contains("nextCursor=");
        assertThat(pages.get(2).rawQuery()).contains("nextCursor=");

        // a tool of each family answered with a digest and structured content
        for (String step : List.of("coinMetrics", "breakdown", "liquidationRisk", "cohorts", "serverStatus")) {
            JsonNode call = report.step(step);
            assertThat(call.path("isError").asBoolean())
                    .as(call.path("name").asString())
                    .isFalse();
            assertThat(call.path("structuredContent").isObject())
                    .as(call.path("name").asString())
                    .isTrue();
        }
        assertThat(report.step("serverStatus").path("text").asString()).containsIgnoringCase("upstream");

        // the invalid call: a tool error naming the argument, and nothing sent upstream for it
        JsonNode invalid = report.step("invalidCall");
        assertThat(invalid.path("isError").asBoolean()).isTrue();
        assertThat(invalid.path("text").asString())
                .contains("limit")
                .contains("1 to 1000")
                .contains("No request was sent");
        assertThat(sandbox.requestLog().entries())
                .noneMatch(e -> e.rawQuery() != null && e.rawQuery().contains("limit=5000"));

        // the result resource: JSON with every row, CSV with a header and one line per row
        JsonNode json = report.step("resultJson").path("contents").get(0);
        assertThat(json.path("uri").asString())
                .isEqualTo(positions.path("resourceLinks").get(0).asString());
        assertThat(json.path("textLength").asInt()).isGreaterThan(10_000);
        JsonNode csv = report.step("resultCsv").path("contents").get(0);
        assertThat(csv.path("uri").asString()).endsWith("/csv");
        assertThat(csv.path("truncated").asBoolean()).isFalse();
        String[] lines = csv.path("text").asString().split("\r\n");
        assertThat(lines).hasSize(301);
        assertThat(lines[0]).startsWith("address,coin,side,positionValue");
        for (int i = 1; i < lines.length; i++) {
            assertThat(lines[i]).as("CSV row %d", i).matches("0x[0-9a-f]{40},[^,]+,(long|short),.*");
        }

        // prompts: the brief names its tools; a bad argument is a JSON-RPC invalid-params error naming it
        assertThat(report.step("prompt")
                        .path("messages")
                        .get(0)
                        .path("content")
                        .path("text")
                        .asString())
                .contains("get_positions_heatmap")
                .contains("coin=BTC");
        JsonNode promptError = report.step("badPrompt").path("error");
        assertThat(promptError.path("code").asInt()).isEqualTo(-32602);
        assertThat(promptError.path("message").asString()).contains("coin must be a coin symbol");

        // completion
        JsonNode coins = report.step("completeCoin").path("completion").path("values");
        assertThat(coins).isNotEmpty();
        coins.forEach(v -> assertThat(v.asString()).startsWith("B"));
        JsonNode cohorts = report.step("completeCohort").path("completion").path("values");
        cohorts.forEach(v -> assertThat(v.asString()).startsWithIgnoringCase("sm"));
    }

    /** The whole report (it holds every result) goes to target/e2e-reports, for reading when an assertion fails. */
    private static Path saveReport(String transport, NodeClient.Report report) {
        try {
            Path dir = Path.of(System.getProperty("basedir", "."), "target", "e2e-reports");
            Files.createDirectories(dir);
            Path file = dir.resolve("real-client-" + transport + ".json");
            Files.writeString(file, report.json().toPrettyString() + "\n" + report.stderr());
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- HTTP security, with the real client and on the wire ----

    @Test
    void aMissingTokenIsRefusedWith401() throws Exception {
        NodeClient.Report http = NodeClient.http(baseUrl + "/mcp", null, "{\"steps\":[{\"op\":\"listTools\"}]}");
        assertThat(http.exitCode()).isEqualTo(2);
        assertThat(http.json().path("errorCode").asInt())
                .as(http.json().toString())
                .isEqualTo(401);
        NodeClient.Report sse = NodeClient.sse(baseUrl + "/sse", null, "{\"steps\":[{\"op\":\"listTools\"}]}");
        assertThat(sse.exitCode()).isEqualTo(2);
        assertThat(sse.json().path("error").asString())
                .as(sse.json().toString())
                .contains("401");

        HttpResponse<String> raw = post(baseUrl + "/mcp", Map.of());
        assertThat(raw.statusCode()).isEqualTo(401);
        assertThat(raw.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void aForeignOriginIsRefusedWith403AndTheServersOwnOriginIsServed() throws Exception {
        String ping = "{\"steps\":[{\"op\":\"ping\"}]}";
        NodeClient.Report foreign = NodeClient.run(
                NodeClient.SCENARIO_SCRIPT,
                List.of(
                        "--transport",
                        "http",
                        "--url",
                        baseUrl + "/mcp",
                        "--token",
                        AUTH_TOKEN,
                        "--header",
                        "Origin: http://evil.example",
                        "--scenario-json",
                        ping),
                Duration.ofMinutes(1));
        assertThat(foreign.exitCode()).isEqualTo(2);
        assertThat(foreign.json().path("errorCode").asInt())
                .as(foreign.json().toString())
                .isEqualTo(403);

        NodeClient.Report own = NodeClient.run(
                NodeClient.SCENARIO_SCRIPT,
                List.of(
                        "--transport",
                        "http",
                        "--url",
                        baseUrl + "/mcp",
                        "--token",
                        AUTH_TOKEN,
                        "--header",
                        "Origin: " + baseUrl,
                        "--scenario-json",
                        ping),
                Duration.ofMinutes(1));
        assertThat(own.failures()).isEmpty();
        assertThat(own.exitCode()).isZero();

        // checked before auth: even with the right token
        HttpResponse<String> raw = post(
                baseUrl + "/mcp", Map.of("Origin", "http://evil.example", "Authorization", "Bearer " + AUTH_TOKEN));
        assertThat(raw.statusCode()).isEqualTo(403);
    }

    private static HttpResponse<String> post(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(
                        HttpRequest.BodyPublishers.ofString(
                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                                        + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}"));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- the MCP Inspector CLI ----

    @Test
    void theInspectorCliListsTheTools(@TempDir Path home) throws Exception {
        List<String> command = List.of(
                "npx",
                "--no-install",
                "mcp-inspector",
                "--cli",
                baseUrl + "/mcp",
                "--transport",
                "http",
                "--method",
                "tools/list",
                "--header",
                "Authorization: Bearer " + AUTH_TOKEN);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(NodeClient.clientsDir().toFile());
        builder.environment().put("HOME", home.toString()); // its catalog (~/.mcp-inspector) stays out of the real home
        builder.environment().put("MCP_CATALOG_PATH", home.resolve("mcp.json").toString());
        builder.environment().put("npm_config_update_notifier", "false");
        builder.environment().put("npm_config_offline", "true");
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the Inspector CLI did not finish within 60 s");
        }
        assertThat(process.exitValue()).as(stderr.get(5, TimeUnit.SECONDS)).isZero();
        JsonNode tools = JSON.readTree(stdout.get(5, TimeUnit.SECONDS)).path("tools");
        assertThat(tools).hasSize(ToolManifest.definitions().size());
        List<String> names = new ArrayList<>();
        tools.forEach(t -> names.add(t.path("name").asString()));
        assertThat(names).contains("list_positions", "get_server_status", "export_liquidation_heatmap");
    }

    private static String readAll(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
