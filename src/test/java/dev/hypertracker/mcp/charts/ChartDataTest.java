package dev.hypertracker.mcp.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.catalog.Catalog;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class ChartDataTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A metrics page, newest first as the API sends it; numbers sometimes as strings. */
    private static JsonNode page(int points, long seed) {
        Random random = new Random(seed);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode rows = body.putArray("metrics");
        long start = 1_780_000_000_000L;
        for (int i = points - 1; i >= 0; i--) {
            ObjectNode row = rows.addObject();
            row.put("id", i);
            row.put(
                    "createdAt",
                    java.time.Instant.ofEpochMilli(start + i * 600_000L).toString());
            double v = 1e8 + random.nextGaussian() * 1e6;
            if (i % 7 == 0) row.put("volume", String.valueOf(v));
            else row.put("volume", v);
        }
        body.putNull("nextCursor");
        return body;
    }

    @Test
    void aSeriesIsInTimeOrderWithEveryPointWhenShort() {
        ChartData.Series s = ChartData.series(Catalog.GET_PERP_VOLUME_METRICS, List.of(page(300, 1)));
        assertThat(s.metrics()).extracting(ChartData.Metric::name).containsExactly("volume"); // id is not a metric
        ChartData.Metric m = s.metrics().get(0);
        assertThat(m.times()).hasSize(300).isSorted();
        assertThat(m.sourcePoints()).isEqualTo(300);
    }

    @Test
    void thinningKeepsTheExactExtremesAndTimeOrder() {
        for (long seed = 1; seed <= 5; seed++) {
            JsonNode body = page(20_000, seed);
            double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
            for (JsonNode row : body.get("metrics")) {
                double v = row.get("volume").isString()
                        ? Double.parseDouble(row.get("volume").stringValue())
                        : row.get("volume").doubleValue();
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            ChartData.Metric m = ChartData.series(Catalog.GET_PERP_VOLUME_METRICS, List.of(body))
                    .metrics()
                    .get(0);
            assertThat(m.sourcePoints()).isEqualTo(20_000);
            assertThat(m.times().length)
                    .isLessThanOrEqualTo(ChartData.MAX_SERIES_POINTS)
                    .isGreaterThan(1_000);
            assertThat(m.times()).isSorted();
            assertThat(java.util.Arrays.stream(m.values()).min().orElseThrow()).isEqualTo(min);
            assertThat(java.util.Arrays.stream(m.values()).max().orElseThrow()).isEqualTo(max);
        }
    }

    @Test
    void anEmptySeriesStillDrawsAnImage() throws Exception {
        ObjectNode empty = JSON.createObjectNode();
        empty.putArray("metrics");
        ChartData.Series s = ChartData.series(Catalog.GET_PERP_VOLUME_METRICS, List.of(empty));
        assertThat(s.metrics()).isEmpty();
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(PngChart.render(s)));
        assertThat(png.getWidth()).isEqualTo(PngChart.WIDTH);
        assertThat(png.getHeight()).isEqualTo(PngChart.HEIGHT);
    }

    @Test
    void liquidationBinsAreInPriceOrderWithCohortNames() {
        JsonNode body = JSON.readTree("""
                {"coin":"BTC","heatmap":[
                 {"priceBinIndex":2,"priceBinStart":110,"priceBinEnd":120,"liquidationValue":"5.5","positionsCount":1,"mostImpactedSegment":9},
                 {"priceBinIndex":1,"priceBinStart":100,"priceBinEnd":110,"liquidationValue":7,"positionsCount":2,"mostImpactedSegment":99}]}""");
        ChartData.LiquidationMap map = ChartData.liquidationMap(Catalog.EXPORT_LIQUIDATION_HEATMAP, List.of(body));
        assertThat(map.coin()).isEqualTo("BTC");
        assertThat(map.bins()).extracting(ChartData.Bin::priceStart).containsExactly(100.0, 110.0);
        assertThat(map.bins()).extracting(ChartData.Bin::mostImpacted).containsExactly(null, "Smart Money");
        assertThat(map.bins().get(1).liquidationValue()).isEqualTo(5.5);
    }
}
