package dev.hypertracker.mcp.views;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each view in a real browser (headless Chromium): a small host page served from loopback speaks the MCP Apps
 * protocol to the view and hands it a tool result recorded from the sandbox through the real server. The page's
 * Content-Security-Policy forbids every fetch and reports violations to the same loopback server, which logs every
 * request: the only one allowed is the host page itself. Screenshots land in target/view-screenshots (copied into
 * docs/ for the README).
 */
class ViewsBrowserIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Nothing may load: inline script and style only (the view arrives as srcdoc and inherits this policy). */
    private static final String CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            + "img-src data:; report-uri /csp-report";

    private static final Path SCREENSHOTS = Path.of("target", "view-screenshots");

    private static AppsSession session;
    private static HttpServer host;
    private static final Map<String, String> fixtures = new ConcurrentHashMap<>();
    private static final List<String> requests = new CopyOnWriteArrayList<>();
    private static final Map<String, JsonNode> results = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        assertThat(Chromium.path())
                .as("headless Chromium is needed (.ci/run installs the Debian package chromium)")
                .isNotNull();
        session = new AppsSession();
        record("series", "get_market_overview_metrics", Map.of());
        record("heatmap", "get_positions_heatmap", Map.of());
        record("liquidation", "export_liquidation_heatmap", Map.of("coin", "BTC"));
        host = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        host.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            if ("/csp-report".equals(path)) exchange.getRequestBody().transferTo(System.err);
            String page = fixtures.get(path);
            byte[] body = page == null ? new byte[0] : page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        host.start();
    }

    @AfterAll
    static void stop() {
        if (host != null) host.stop(0);
        if (session != null) session.close();
    }

    private static void record(String name, String tool, Map<String, Object> args) throws IOException {
        CallToolResult result = session.appsClient.callTool(
                CallToolRequest.builder(tool).arguments(args).build());
        assertThat(result.isError()).as(tool).isNotEqualTo(Boolean.TRUE);
        JsonNode json = JSON.readTree(McpJsonDefaults.getMapper().writeValueAsString(result));
        results.put(name, json);
        Files.createDirectories(Path.of("target", "view-fixtures"));
        Files.writeString(Path.of("target", "view-fixtures", name + ".json"), json.toPrettyString());
    }

    @Test
    void seriesChartDrawsEveryPointWithMinAndMaxAndTheMetricPicker() throws Exception {
        JsonNode result = results.get("series");
        JsonNode report = show(View.SERIES, result, Map.of("start", "24h ago"), "light", "series-chart");
        JsonNode metrics = result.path("_meta").path(Views.CHART_META_KEY).path("metrics");
        JsonNode openInterest = null;
        for (JsonNode m : metrics) if (m.path("name").asString().equals("openInterest")) openInterest = m;
        assertThat(openInterest).isNotNull();
        assertThat(report.path("polylinePoints").asInt())
                .isEqualTo(openInterest.path("points").size())
                .isGreaterThan(10);
        assertThat(report.path("minMarks").asInt()).isEqualTo(1);
        assertThat(report.path("maxMarks").asInt()).isEqualTo(1);
        assertThat(report.path("options").asInt()).isEqualTo(metrics.size());
        assertThat(report.path("coverage").asString())
                .contains("Covered")
                .contains("points")
                .contains("asked: 24h ago");
        commonChecks(report, result);
    }

    @Test
    void cohortHeatmapDrawsOneCellPerCoinAndCohortHeld() throws Exception {
        JsonNode result = results.get("heatmap");
        JsonNode report = show(View.COHORT_HEATMAP, result, Map.of(), "light", "cohort-heatmap");
        int expected = 0;
        for (JsonNode cell : result.path("_meta").path(Views.CHART_META_KEY).path("cells"))
            if (!cell.get(4).isNull()) expected++;
        assertThat(expected).isGreaterThan(50);
        assertThat(report.path("cells").asInt()).isEqualTo(expected);
        commonChecks(report, result);
    }

    @Test
    void liquidationMapDrawsOneBarPerPriceBin() throws Exception {
        JsonNode result = results.get("liquidation");
        JsonNode report = show(View.LIQUIDATION_MAP, result, Map.of("coin", "BTC"), "light", "liquidation-map");
        int bins = result.path("_meta").path(Views.CHART_META_KEY).path("bins").size();
        assertThat(bins).isGreaterThan(10);
        assertThat(report.path("bars").asInt()).isEqualTo(bins);
        commonChecks(report, result);
    }

    @Test
    void theViewFollowsTheHostsThemeItsChangesAndItsStyleVariables() throws Exception {
        JsonNode light = show(
                View.SERIES,
                results.get("series"),
                Map.of(),
                "light",
                null,
                Map.of("switchTheme", "dark", "variables", Map.of("--color-text-primary", "rgb(1, 2, 3)")));
        JsonNode dark = show(View.SERIES, results.get("series"), Map.of(), "dark", "series-chart-dark", Map.of());
        assertThat(light.path("theme").asString()).isEqualTo("light");
        assertThat(dark.path("theme").asString()).isEqualTo("dark");
        assertThat(light.path("background").asString()).isEqualTo("rgb(255, 255, 255)");
        assertThat(dark.path("background").asString()).isEqualTo("rgb(23, 23, 23)");
        assertThat(light.path("backgroundAfterSwitch").asString())
                .as("ui/notifications/host-context-changed")
                .isEqualTo("rgb(23, 23, 23)");
        assertThat(light.path("textColour").asString())
                .as("the host's CSS variable")
                .isEqualTo("rgb(1, 2, 3)");
    }

    @Test
    @SuppressWarnings("unchecked") // a recorded result is a JSON object
    void withoutChartDataTheViewShowsTheTextAndSaysSo() throws Exception {
        Map<String, Object> plain = (Map<String, Object>) JSON.convertValue(results.get("heatmap"), Map.class);
        plain.remove("_meta");
        JsonNode result = JSON.valueToTree(plain);
        JsonNode report = show(View.COHORT_HEATMAP, result, Map.of(), "light", null);
        assertThat(report.path("cells").asInt()).isZero();
        assertThat(report.path("status").asString()).contains("text summary");
        assertThat(report.path("fallbackText").asString()).isEqualTo(text(result));
    }

    /** What every view must do: the protocol in order, the text fallback, keyboard, and no network. */
    private static void commonChecks(JsonNode report, JsonNode result) {
        List<String> methods = new ArrayList<>();
        report.path("log").path("methods").forEach(m -> methods.add(m.asString()));
        assertThat(methods).startsWith("ui/initialize", "ui/notifications/initialized");
        assertThat(report.path("log")
                        .path("initializeParams")
                        .path("protocolVersion")
                        .asString())
                .isEqualTo("2026-01-26");
        assertThat(report.path("log").path("sizes")).isNotEmpty();
        assertThat(report.path("fallbackText").asString())
                .isEqualTo(text(result))
                .isNotBlank();
        assertThat(report.path("svgTabIndex").asString()).isEqualTo("0");
        assertThat(report.path("focused").asBoolean()).isTrue();
        assertThat(report.path("readoutAfterKey").asString()).isNotBlank();
    }

    private static String text(JsonNode result) {
        List<String> texts = new ArrayList<>();
        for (JsonNode c : result.path("content"))
            if (c.path("type").asString().equals("text"))
                texts.add(c.path("text").asString());
        return String.join("\n", texts);
    }

    /** Loads the view in the host page in Chromium and returns the host's report; checks that nothing else was fetched. */
    private static JsonNode show(View view, JsonNode result, Map<String, Object> args, String theme, String screenshot)
            throws Exception {
        return show(view, result, args, theme, screenshot, Map.of());
    }

    /** {@code host}: extra host page settings (switchTheme: sent as host-context-changed; variables: style variables). */
    private static JsonNode show(
            View view,
            JsonNode result,
            Map<String, Object> args,
            String theme,
            String screenshot,
            Map<String, Object> host)
            throws Exception {
        String id = "/host-" + view.name().toLowerCase() + "-" + theme + "-" + fixtures.size();
        Map<String, Object> fixture = new LinkedHashMap<>();
        fixture.put("html", view.html());
        fixture.put("result", result);
        fixture.put("args", args);
        fixture.put("theme", theme);
        fixture.put("screenshot", false);
        fixture.putAll(host);
        fixtures.put(id, page(fixture));
        requests.clear();
        String dom = Chromium.dumpDom(url(id));
        Matcher m = Pattern.compile("REPORT:([A-Za-z0-9+/=]+):END").matcher(dom);
        assertThat(m.find())
                .as("the host page wrote its report; DOM was:\n" + dom)
                .isTrue();
        JsonNode report = JSON.readTree(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
        assertThat(requests)
                .as("the only request is the host page: the view fetched nothing")
                .containsOnly("GET " + id);
        if (screenshot != null) {
            fixture.put("screenshot", true);
            fixtures.put(id + "-shot", page(fixture));
            Files.createDirectories(SCREENSHOTS);
            Path png = SCREENSHOTS.resolve("view-" + screenshot + ".png");
            Chromium.screenshot(url(id + "-shot"), png, view == View.COHORT_HEATMAP ? 860 : 520);
            assertThat(png).isNotEmptyFile();
        }
        return report;
    }

    private static String page(Map<String, Object> fixture) throws IOException {
        String template;
        try (InputStream in = ViewsBrowserIT.class.getResourceAsStream("/views/test-host.html")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // "</" inside the JSON would end the script element early; "<\/" is the same JSON string
        return template.replace("__FIXTURE__", JSON.writeValueAsString(fixture).replace("</", "<\\/"));
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + host.getAddress().getPort() + path;
    }

    /** Headless Chromium from the Debian package, isolated: new profile, no background networking. */
    static final class Chromium {
        static String path() {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                for (String name : List.of("chromium", "chromium-browser")) {
                    if (Files.isExecutable(Path.of(dir, name)))
                        return Path.of(dir, name).toString();
                }
            }
            return null;
        }

        static String dumpDom(String url) throws Exception {
            return run(List.of("--dump-dom", url));
        }

        static void screenshot(String url, Path png, int height) throws Exception {
            run(List.of(
                    "--screenshot=" + png.toAbsolutePath(), "--window-size=800," + height, "--hide-scrollbars", url));
        }

        private static String run(List<String> args) throws Exception {
            Path profile = Files.createTempDirectory("views-chromium");
            try {
                List<String> command = new ArrayList<>(List.of(
                        path(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-extensions",
                        "--disable-default-apps",
                        "--mute-audio",
                        "--user-data-dir=" + profile,
                        "--virtual-time-budget=10000"));
                command.addAll(args);
                Process p = new ProcessBuilder(command)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                // a guard against a hung browser, not a timing assertion
                if (!p.waitFor(5, TimeUnit.MINUTES)) p.destroyForcibly();
                return out;
            } finally {
                try (var files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                }
            }
        }
    }
}
