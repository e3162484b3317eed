package dev.hypertracker.mcp.views;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.DigestKind;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.tools.ToolCharts;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MCP Apps extension over the wire, with the SDK's client: capability, tool links, ui:// resources, results. */
class AppsProtocolTest {
    private static AppsSession session;

    @BeforeAll
    static void start() {
        session = new AppsSession();
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    private static boolean charted(Endpoint e) {
        return e.digest() == DigestKind.SERIES
                || e.digest() == DigestKind.HEATMAP
                || e.digest() == DigestKind.LIQUIDATION_HEATMAP;
    }

    @Test
    void theServerAdvertisesTheExtensionWithItsContentType() {
        Map<String, Map<String, Object>> extensions =
                session.plainClient.getServerCapabilities().extensions();
        assertThat(extensions).containsKey("io.modelcontextprotocol/ui");
        assertThat(extensions.get("io.modelcontextprotocol/ui"))
                .containsEntry("mimeTypes", List.of("text/html;profile=mcp-app"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void exactlyTheChartedToolsLinkAViewAndTakeTheChartArgument() {
        Map<String, Tool> tools =
                session.plainClient.listTools().tools().stream().collect(Collectors.toMap(Tool::name, t -> t));
        Set<String> viewUris = new HashSet<>();
        for (Endpoint e : Catalog.endpoints()) {
            Tool tool = tools.get(e.tool());
            Map<String, Object> properties =
                    (Map<String, Object>) tool.inputSchema().get("properties");
            if (charted(e)) {
                String uri = (String) ((Map<String, Object>) tool.meta().get("ui")).get("resourceUri");
                assertThat(uri).as(e.tool()).startsWith("ui://");
                viewUris.add(uri);
                assertThat((Map<String, Object>) properties.get("chart")).isEqualTo(Map.of("enum", List.of("png")));
            } else {
                assertThat(tool.meta()).as(e.tool()).isNull();
                assertThat(properties).as(e.tool()).doesNotContainKey("chart");
            }
        }
        assertThat(viewUris)
                .containsExactlyInAnyOrder(
                        "ui://hypertracker/series", "ui://hypertracker/heatmap", "ui://hypertracker/liquidations");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyViewIsAnAppsResourceUnder100KbThatFetchesNothing() {
        List<Resource> listed = session.plainClient.listResources().resources().stream()
                .filter(r -> r.uri().startsWith("ui://"))
                .toList();
        assertThat(listed)
                .hasSize(View.values().length)
                .allSatisfy(r -> assertThat(r.mimeType()).isEqualTo(Views.MIME_TYPE));
        for (Resource r : listed) {
            ReadResourceResult read = session.plainClient.readResource(
                    ReadResourceRequest.builder(r.uri()).build());
            TextResourceContents page = (TextResourceContents) read.contents().get(0);
            assertThat(page.mimeType()).isEqualTo("text/html;profile=mcp-app");
            assertThat(page.text().getBytes(StandardCharsets.UTF_8).length)
                    .as(r.uri())
                    .isLessThanOrEqualTo(100 * 1024);
            // the SVG namespace is a name, not an address the page loads
            String withoutSvgNamespace = page.text().replace("\"http://www.w3.org/2000/svg\"", "");
            assertThat(withoutSvgNamespace)
                    .startsWith("<!DOCTYPE html>")
                    .contains("ui/initialize", "ui/notifications/initialized", "ui/notifications/tool-result")
                    .doesNotContain(
                            "/*@", "http://", "https://", "fetch(", "XMLHttpRequest", "WebSocket", " src=", "@import");
            assertThat((Map<String, Object>) page.meta().get("ui")).containsEntry("prefersBorder", true);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyAClientThatDeclaredTheExtensionGetsTheChartDataAndOthersSeeTodaysResult() {
        CallToolResult apps = session.appsClient.callTool(CallToolRequest.builder("get_market_overview_metrics")
                .arguments(Map.of())
                .build());
        CallToolResult plain = session.plainClient.callTool(CallToolRequest.builder("get_market_overview_metrics")
                .arguments(Map.of("fresh", true))
                .build());
        assertThat(plain.meta()).isNull();
        assertThat(plain.content()).extracting(Content::type).containsExactly("text", "resource_link");
        assertThat(apps.content()).extracting(Content::type).containsExactly("text", "resource_link");
        assertThat(apps.structuredContent()).isNotNull();

        Map<String, Object> chart = (Map<String, Object>) apps.meta().get(Views.CHART_META_KEY);
        assertThat(chart).containsEntry("type", "series");
        Map<String, Object> structured = (Map<String, Object>) apps.structuredContent();
        int points = ((Number) structured.get("points")).intValue();
        List<Map<String, Object>> metrics = (List<Map<String, Object>>) chart.get("metrics");
        assertThat(metrics).extracting(m -> m.get("name")).contains("openInterest", "count");
        for (Map<String, Object> m : metrics) {
            assertThat(((Number) m.get("sourcePoints")).intValue())
                    .as((String) m.get("name"))
                    .isEqualTo(points);
        }
        // the chart's extremes are the digest's exact ones
        Map<String, Object> oiStats =
                (Map<String, Object>) ((Map<String, Object>) structured.get("stats")).get("openInterest");
        List<List<Number>> oi = (List<List<Number>>) metrics.stream()
                .filter(m -> m.get("name").equals("openInterest"))
                .findFirst()
                .orElseThrow()
                .get("points");
        double max = oi.stream().mapToDouble(p -> p.get(1).doubleValue()).max().orElseThrow();
        assertThat(max)
                .isCloseTo(((Number) oiStats.get("max")).doubleValue(), org.assertj.core.data.Offset.offset(0.006));
    }

    @Test
    void chartPngAddsAnImageOfAtMost800x500ThatIsNotBlank() throws Exception {
        for (String tool : List.of("get_perp_volume_metrics", "get_positions_heatmap", "export_liquidation_heatmap")) {
            Map<String, Object> args =
                    tool.startsWith("export") ? Map.of("coin", "BTC", "chart", "png") : Map.of("chart", "png");
            CallToolResult result = session.plainClient.callTool(
                    CallToolRequest.builder(tool).arguments(args).build());
            assertThat(result.isError()).as(tool).isNotEqualTo(Boolean.TRUE);
            assertThat(result.content().get(0)).isInstanceOf(TextContent.class);
            ImageContent image = result.content().stream()
                    .filter(c -> c instanceof ImageContent)
                    .map(c -> (ImageContent) c)
                    .findFirst()
                    .orElseThrow();
            assertThat(image.mimeType()).isEqualTo("image/png");
            byte[] bytes = Base64.getDecoder().decode(image.data());
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "png-charts")); // for a look by eye
            java.nio.file.Files.write(java.nio.file.Path.of("target", "png-charts", tool + ".png"), bytes);
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(png.getWidth()).isBetween(400, 800);
            assertThat(png.getHeight()).isBetween(250, 500);
            assertThat(distinctColours(png))
                    .as(tool + " draws more than a background")
                    .isGreaterThan(20);
            assertThat(nonWhiteShare(png)).as(tool).isBetween(0.03, 0.9);
        }
    }

    @Test
    void aBadChartValueIsAClearErrorAndNoChartedToolsRefuseIt() {
        CallToolResult svg = session.plainClient.callTool(CallToolRequest.builder("get_perp_volume_metrics")
                .arguments(Map.of("chart", "svg"))
                .build());
        assertThat(svg.isError()).isTrue();
        assertThat(((TextContent) svg.content().get(0)).text())
                .contains("chart")
                .contains("png")
                .contains("No request was sent");
        CallToolResult cohorts = session.plainClient.callTool(CallToolRequest.builder("list_cohorts")
                .arguments(Map.of("chart", "png"))
                .build());
        assertThat(cohorts.isError()).isTrue();
        assertThat(((TextContent) cohorts.content().get(0)).text()).contains("chart");
        assertThat(ToolCharts.PNG).isEqualTo("png");
    }

    static int distinctColours(BufferedImage img) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2)
            for (int x = 0; x < img.getWidth(); x += 2) colours.add(img.getRGB(x, y));
        return colours.size();
    }

    static double nonWhiteShare(BufferedImage img) {
        long nonWhite = 0, all = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++, all++) if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) nonWhite++;
        }
        return (double) nonWhite / all;
    }
}
