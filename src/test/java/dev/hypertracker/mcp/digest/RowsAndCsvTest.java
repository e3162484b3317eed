package dev.hypertracker.mcp.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.catalog.Catalog;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Summarizer.rows across body shapes, streamed bodies, and RFC 4180 CSV. */
class RowsAndCsvTest {

    static JsonNode json(String text) {
        return SampleData.MAPPER.readTree(text);
    }

    @Test
    void rowsAcrossPagesOfAWrappedArray() {
        List<JsonNode> rows = Summarizer.rows(
                Catalog.LIST_POSITIONS,
                List.of(
                        json("{\"positions\":[{\"coin\":\"BTC\"},{\"coin\":\"ETH\"}],\"nextCursor\":\"x\"}"),
                        json("{\"positions\":[{\"coin\":\"SOL\"}],\"nextCursor\":null}")));
        assertThat(rows).extracting(r -> r.get("coin").stringValue()).containsExactly("BTC", "ETH", "SOL");
    }

    @Test
    void bareArraysSingleObjectsAndUnpublishedKeys() {
        assertThat(Summarizer.rows(Catalog.GET_OPEN_EXPOSURE_BY_COIN, List.of(json("[{\"coin\":\"BTC\"}]"))))
                .hasSize(1);
        assertThat(Summarizer.rows(Catalog.GET_DATA_FRESHNESS, List.of(json("{\"lastUpdate\":\"x\"}"))))
                .containsExactly(json("{\"lastUpdate\":\"x\"}"));
        // the positions export's key is unpublished: the first array of objects holds the rows
        assertThat(
                        Summarizer.rows(
                                Catalog.EXPORT_COIN_POSITIONS,
                                List.of(
                                        json(
                                                "{\"createdAt\":\"t\",\"somethingBySize\":[{\"sizeBucketId\":1},{\"sizeBucketId\":2}]}"))))
                .hasSize(2);
    }

    @Test
    void aTableWhoseRowsCarryTheCoinKeepsIt() {
        JsonNode body = json("{\"coin\":\"BTC\",\"metrics\":{\"columns\":[\"coin\",\"timestamp\",\"positionCount\"],"
                + "\"data\":[[\"ETH\",\"2026-03-15T10:00:00Z\",5]]}}");
        JsonNode row =
                Summarizer.rows(Catalog.EXPORT_POSITION_METRICS, List.of(body)).get(0);
        assertThat(row)
                .isEqualTo(json("{\"coin\":\"ETH\",\"timestamp\":\"2026-03-15T10:00:00Z\",\"positionCount\":5}"));
    }

    @Test
    void streamingABodyDigestsAsParsingItForEveryEndpoint() {
        for (Fixtures.Case c : Fixtures.largestInputs()) {
            for (Detail detail : Detail.values()) {
                DigestOptions options = Fixtures.options(detail, DigestOptions.DEFAULT_MAX_TOKENS, 10);
                byte[] body = c.pages().get(0).toString().getBytes(StandardCharsets.UTF_8);
                Digest streamed = Fixtures.SUMMARIZER.summarize(
                        c.endpoint(), new ByteArrayInputStream(body), options, Paging.single());
                // the streamed page against the same page parsed (a paged route's case holds several pages)
                Digest parsed = Fixtures.SUMMARIZER.summarize(
                        c.endpoint(), List.of(c.pages().get(0)), options, Paging.single());
                // compared as JSON: a built tree and a parsed one may hold the same number as int and long nodes
                assertThat(streamed.text()).as("%s %s", c, detail).isEqualTo(parsed.text());
                assertThat(Json.toJson(streamed.structured()))
                        .as("%s %s", c, detail)
                        .isEqualTo(Json.toJson(parsed.structured()));
            }
        }
    }

    @Test
    void csvQuotesCommasQuotesAndLineBreaksAndFlattensNestedFields() {
        List<JsonNode> rows = List.of(
                json("{\"name\":\"plain\",\"note\":\"a, b\",\"n\":1.5,\"profile\":{\"segments\":[4,9]}}"),
                json("{\"name\":\"say \\\"hi\\\"\",\"note\":\"line\\nbreak\",\"n\":null}"));
        String csv = Summarizer.toCsv(rows, List.of("name", "note", "n", "profile.segments"));
        assertThat(csv)
                .isEqualTo("name,note,n,profile.segments\r\n"
                        + "plain,\"a, b\",1.5,\"[4,9]\"\r\n"
                        + "\"say \"\"hi\"\"\",\"line\nbreak\",,\r\n");
    }

    @Test
    void csvOfNoRowsIsTheHeader() {
        assertThat(Summarizer.toCsv(List.of(), List.of("a", "b"))).isEqualTo("a,b\r\n");
    }
}
