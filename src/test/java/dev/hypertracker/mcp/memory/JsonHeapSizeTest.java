package dev.hypertracker.mcp.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

class JsonHeapSizeTest {
    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A list_positions-like page: the largest body the server keeps. */
    static String positionsPage(int rows) {
        StringBuilder b = new StringBuilder("{\"positions\":[");
        for (int i = 0; i < rows; i++) {
            if (i > 0) b.append(',');
            b.append("{\"address\":\"0x")
                    .append(String.format("%040x", i))
                    .append("\",\"coin\":\"BTC\",\"size\":")
                    .append(i * 0.137)
                    .append(",\"entryPrice\":64123.5,\"leverage\":")
                    .append(i % 50)
                    .append(",\"side\":\"")
                    .append(i % 2 == 0 ? "long" : "short")
                    .append("\",\"closeTime\":null}");
        }
        return b.append("],\"nextCursor\":\"abc\"}").toString();
    }

    @Test
    void aParsedPageCostsSeveralTimesItsWireSize() {
        String wire = positionsPage(1_000);
        JsonNode tree = JSON.readTree(wire);
        long heap = JsonHeapSize.of(tree);
        // the wire size would under-count by this factor: the reason the bounds weigh trees, not bytes
        assertThat((double) heap / wire.getBytes(StandardCharsets.UTF_8).length)
                .isBetween(2.0, 6.0)
                .as("what ParseBudget reserves per wire byte covers the tree")
                .isLessThan(ParseBudget.TREE_BYTES_PER_WIRE_BYTE);
    }

    @Test
    void sizeGrowsWithContentAndScalarsSharedByTheJvmCostNothing() {
        assertThat(JsonHeapSize.of(JSON.readTree("null"))).isZero();
        assertThat(JsonHeapSize.of(JSON.readTree("true"))).isZero();
        assertThat(JsonHeapSize.of(JSON.readTree("\"" + "x".repeat(1000) + "\"")))
                .isGreaterThan(1000)
                .isLessThan(1100);
        // non-Latin-1 text takes two bytes a char
        assertThat(JsonHeapSize.of(JSON.readTree("\"" + "€".repeat(1000) + "\"")))
                .isGreaterThan(2000);
        assertThat(JsonHeapSize.of(JSON.readTree(positionsPage(200))))
                .isGreaterThan(JsonHeapSize.of(JSON.readTree(positionsPage(100))) * 19 / 10);
    }

    @Test
    void heapSharesFollowTheMaximumHeap() {
        assertThat(HeapBudget.share(256L << 20, 0.20)).isEqualTo((long) ((256L << 20) * 0.20));
        assertThat(HeapBudget.share(Long.MAX_VALUE, 0.5)).isEqualTo(32L << 30);
        assertThatThrownBy(() -> HeapBudget.share(1 << 20, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
