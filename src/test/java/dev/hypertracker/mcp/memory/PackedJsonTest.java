package dev.hypertracker.mcp.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PackedJsonTest {

    @Test
    void everyNumberAndStringUnpacksToTheNodeItWas() {
        // what the upstream parser makes of odd numbers (1e400 is an infinite double the digests refuse later)
        JsonNode tree = JsonHeapSizeTest.JSON.readTree("{\"inf\":1e400,\"negInf\":-1e400,\"negZero\":-0.0,"
                + "\"big\":123456789012345678901234567890,\"pastDouble\":9007199254740993,\"tenth\":0.1,"
                + "\"max\":1.7976931348623157e308,\"min\":4.9e-324,\"int\":7,\"long\":8000000000,"
                + "\"text\":\"€ ☃ \\u0000 \\\"q\\\"\",\"empty\":[],\"obj\":{},\"nil\":null,\"yes\":true,"
                + "\"rows\":[{\"coin\":\"BTC\"},{\"coin\":\"BTC\"},{\"coin\":\"ETH\"}]}");
        JsonNode back = PackedJson.pack(tree).unpack();

        assertThat(back).isEqualTo(tree);
        assertThat(back.get("inf").isDouble()).isTrue();
        assertThat(back.get("inf").doubleValue()).isInfinite();
        assertThat(Double.doubleToRawLongBits(back.get("negZero").doubleValue()))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(back.get("big").isBigInteger()).isTrue();
        assertThat(back.get("pastDouble").longValue()).isEqualTo(9007199254740993L);
        assertThat(back.get("long").isLong()).isTrue();
        assertThat(back.get("int").isInt()).isTrue();
        assertThat(back).isNotSameAs(PackedJson.pack(tree).unpack()); // a new tree on each read
    }

    @Test
    void aPackedPageCostsAFractionOfItsTreeAndOfItsWireSize() {
        String wire = JsonHeapSizeTest.positionsPage(1_000);
        JsonNode tree = JsonHeapSizeTest.JSON.readTree(wire);
        PackedJson packed = PackedJson.pack(tree);

        assertThat(packed.unpack()).isEqualTo(tree);
        assertThat(packed.size()).isLessThan(wire.getBytes(StandardCharsets.UTF_8).length);
        // the reason caches keep pages packed: what they hold is one array, under an eighth of the tree
        assertThat(packed.heapBytes() * 8).isLessThan(JsonHeapSize.of(tree));
        assertThat(packed.heapBytes()).isBetween((long) packed.size(), (long) packed.size() + 40);
    }

    @Test
    void aTopLevelFieldAndAnArraysSizeAreReadWithoutUnpackingTheRest() {
        PackedJson page = PackedJson.pack(
                JsonHeapSizeTest.JSON.readTree("{\"positions\":[{\"nextCursor\":\"inner\",\"a\":[1,2]},{\"b\":{}},3],"
                        + "\"totalCount\":3,\"nextCursor\":\"c2\"}"));

        assertThat(page.field("nextCursor").asString())
                .as("the top level's, not a row's")
                .isEqualTo("c2");
        assertThat(page.field("totalCount").intValue()).isEqualTo(3);
        assertThat(page.field("missing")).isNull();
        assertThat(page.arraySize("positions")).isEqualTo(3);
        assertThat(page.arraySize("totalCount")).isEqualTo(-1);
        assertThat(page.arraySize("missing")).isEqualTo(-1);
        assertThat(page.arraySize(null)).as("the root is an object").isEqualTo(-1);

        PackedJson rootArray = PackedJson.pack(JsonHeapSizeTest.JSON.readTree("[{\"x\":[1,2,3]},[],4,null]"));
        assertThat(rootArray.arraySize(null)).isEqualTo(4);
        assertThat(rootArray.field("x")).isNull();
    }
}
