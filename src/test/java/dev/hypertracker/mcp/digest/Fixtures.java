package dev.hypertracker.mcp.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.DigestKind;
import dev.hypertracker.mcp.catalog.Endpoint;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/** Shared helpers of the digest tests: the largest inputs per kind, options, and the checks every result must pass. */
public final class Fixtures {

    static final Summarizer SUMMARIZER = new Summarizer(Clock.fixed(SampleData.NOW, ZoneOffset.UTC));
    private static final JsonSchemaValidator VALIDATOR = new DefaultJsonSchemaValidator();

    private Fixtures() {}

    static DigestOptions options(Detail detail, int maxTokens, int top) {
        return new DigestOptions(detail, List.of(), DigestOptions.DEFAULT_MAX_ROWS, maxTokens, top, null, Map.of());
    }

    static DigestOptions summary(int maxTokens, int top) {
        return options(Detail.SUMMARY, maxTokens, top);
    }

    /** An endpoint with its largest realistic input (one page, or the whole file). */
    public record Case(Endpoint endpoint, List<JsonNode> pages) {
        public String tool() {
            return endpoint.tool();
        }

        public DigestKind kind() {
            return endpoint().digest();
        }

        @Override
        public String toString() {
            return endpoint.tool();
        }
    }

    /** every endpoint of the catalog with its largest input: 1,000 positions, a 300-coin (≈1 MB) heatmap, 1,440-point series … */
    public static List<Case> largestInputs() {
        return LARGEST_INPUTS.cases;
    }

    /** Built once per test run: the heatmap alone is ~1 MB. */
    private enum LARGEST_INPUTS {
        ;
        static final List<Case> cases = build();
    }

    private static List<Case> build() {
        SampleData d = new SampleData(42);
        List<Case> cases = new java.util.ArrayList<>(List.of(
                new Case(
                        Catalog.LIST_POSITIONS,
                        List.of(SampleData.page("positions", d.positions(1_000), "eyJuZXh0IjoxMDAwfQ"))),
                new Case(
                        Catalog.EXPORT_COIN_POSITIONS,
                        List.of(d.breakdown(
                                "breakdownBySize", "sizeBucketId", new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}))),
                new Case(Catalog.GET_OPEN_EXPOSURE_BY_COIN, List.of(d.exposure(250))),
                new Case(
                        Catalog.EXPORT_POSITION_BREAKDOWN_BY_COHORT,
                        List.of(d.breakdown("breakdownByCohort", "segmentId", new int[] {
                            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
                        }))),
                new Case(
                        Catalog.EXPORT_POSITION_BREAKDOWN_BY_SIZE,
                        List.of(d.breakdown("breakdownBySize", "sizeSegmentId", new int[] {16, 1, 2, 3, 4, 5, 6, 7}))),
                new Case(
                        Catalog.GET_MARKET_OVERVIEW_METRICS,
                        List.of(SampleData.page("metrics", d.generalMetrics(1_440), null))),
                new Case(Catalog.EXPORT_POSITION_METRICS, List.of(d.metricsExport(336))),
                new Case(Catalog.GET_PERP_VOLUME_METRICS, List.of(SampleData.page("metrics", d.volume(1_440), null))),
                new Case(Catalog.GET_POSITIONS_HEATMAP, List.of(d.heatmap(300))),
                new Case(
                        Catalog.GET_COIN_POSITION_METRICS,
                        List.of(SampleData.page("metrics", d.coinMetrics(1_440, false), null))),
                new Case(
                        Catalog.GET_COIN_SEGMENT_METRICS,
                        List.of(SampleData.page("metrics", d.coinMetrics(1_440, true), null))),
                new Case(
                        Catalog.GET_COIN_SIZE_BUCKET_METRICS,
                        List.of(SampleData.page("metrics", d.coinMetrics(1_440, false), null))),
                new Case(Catalog.GET_LIQUIDATION_RISK_BY_ASSET, List.of(d.liquidationRisk(500, 1_297))),
                new Case(Catalog.EXPORT_LIQUIDATION_HEATMAP, List.of(d.liquidationHeatmap(400))),
                new Case(Catalog.LIST_COHORTS, List.of(SampleData.cohorts())),
                new Case(Catalog.GET_DATA_FRESHNESS, List.of(SampleData.freshness()))));
        // the whole-API groups (issue 15), each from its own sample class
        cases.addAll(BuilderSamples.largestInputs());
        return List.copyOf(cases);
    }

    static Digest digest(Case c, DigestOptions options) {
        return SUMMARIZER.summarize(c.endpoint(), c.pages(), options, Paging.single());
    }

    static int tokens(Digest d) {
        return ExactTokens.count(d.text()) + ExactTokens.count(Json.toJson(d.structured()));
    }

    static void assertWithinBudget(Digest d, int maxTokens) {
        assertThat(TokenCounter.charged(d.text(), Json.toJson(d.structured()))).isLessThanOrEqualTo(maxTokens);
        assertThat(tokens(d)).isLessThanOrEqualTo(maxTokens);
        assertThat(d.structured().get("omitted")).isEqualTo(d.omitted());
        if (!d.omitted().isEmpty()) assertThat(d.text()).contains("Left out");
    }

    static boolean schemaIsValid(DigestKind kind) {
        return VALIDATOR.validateSchema(schema(kind)).valid();
    }

    private static Map<String, Object> schema(DigestKind kind) {
        return SampleData.MAPPER.readValue(Summarizer.outputSchema(kind), new TypeReference<>() {});
    }

    static void assertValid(DigestKind kind, Digest d) {
        Map<String, Object> schema = schema(kind);
        // round-trip through JSON, as the SDK sees structuredContent
        Object content = SampleData.MAPPER.readValue(Json.toJson(d.structured()), Object.class);
        JsonSchemaValidator.ValidationResponse response = VALIDATOR.validate(schema, content);
        assertThat(response.valid()).as("%s: %s", kind, response.errorMessage()).isTrue();
    }
}
