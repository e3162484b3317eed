package dev.hypertracker.mcp.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenPositionsCsvTest {

    static final String HEADER = "id,address,coin,side,value,unrealizedPnl,funding,liquidationProgress,"
            + "profile_perpPnlSegmentId,profile_sizeSegmentId\n";

    static JsonNode read(OpenPositionsCsv reader, String csv) throws IOException {
        return reader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sumsAreExactDecimalsPerSideAndPerCohortOfEachAxis() throws IOException {
        JsonNode s = read(
                new OpenPositionsCsv(),
                HEADER + "a,0x1,BTC,long,0.1,1.10,-0.01,0.5,9,4\n"
                        + "b,0x2,BTC,long,0.2,2.20,-0.02,0.9,12,4\n"
                        + "c,0x3,BTC,short,\"0.3\",-3.30,0.03,,9,7\n"
                        + "d,0x4,BTC,sideways,5,0,0,0.1,9,7\n");
        JsonNode t = s.get("totals");
        // 0.1 + 0.2 is exactly 0.3 here, not 0.30000000000000004
        assertThat(t.get("longValue").decimalValue()).isEqualByComparingTo(new BigDecimal("0.3"));
        assertThat(t.get("shortValue").decimalValue()).isEqualByComparingTo(new BigDecimal("0.3"));
        assertThat(t.get("unknownSideCount").asLong()).isEqualTo(1);
        assertThat(t.get("funding").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
        JsonNode cohorts = s.get("cohorts");
        // size 4 (two longs), size 7 (a short and the unknown side), pnl 9 (three), pnl 12 (one)
        assertThat(cohorts.size()).isEqualTo(4);
        assertThat(cohorts.get(0).get("segmentId").asInt()).isEqualTo(4);
        assertThat(cohorts.get(0).get("longValue").decimalValue()).isEqualByComparingTo(new BigDecimal("0.3"));
        assertThat(s.get("closestToLiquidation").get(0).get("id")).isNull(); // only the kept columns
        assertThat(s.get("closestToLiquidation").get(0).get("address").asString())
                .isEqualTo("0x2");
        assertThat(s.get("positions").get(0).get("address").asString()).isEqualTo("0x4");
    }

    @Test
    void theRowCapStopsReadingAndSaysSo() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 100; i++) csv.append("x,0x1,BTC,long,1,0,0,0,9,4\n");
        JsonNode s = read(new OpenPositionsCsv(10), csv.toString());
        assertThat(s.get("file").get("complete").asBoolean()).isFalse();
        assertThat(s.get("file").get("rowsRead").asLong()).isEqualTo(10);
        assertThat(s.get("totals").get("longValue").decimalValue()).isEqualByComparingTo(BigDecimal.TEN);
    }

    @Test
    void aFileWithoutTheNeededColumnsOrNotCsvIsRefused() {
        assertThatThrownBy(() -> read(new OpenPositionsCsv(), "{\"positions\":[]}\n"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no \"side\" column");
        assertThatThrownBy(() -> read(new OpenPositionsCsv(), "")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read(new OpenPositionsCsv(), HEADER + "a,\"unterminated\n"))
                .isInstanceOf(IOException.class);
    }
}
