package dev.hypertracker.mcp.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.DigestKind;
import dev.hypertracker.mcp.catalog.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * On the largest input of every endpoint, at every detail level and budget: the result never exceeds maxTokens, every
 * cut is named in omitted, and structuredContent validates against the kind's output schema.
 */
class BudgetAndSchemaTest {

    static final int[] BUDGETS = {
        DigestOptions.MIN_MAX_TOKENS, 500, DigestOptions.DEFAULT_MAX_TOKENS, DigestOptions.MAX_MAX_TOKENS
    };

    static Stream<Arguments> casesAndDetails() {
        List<Arguments> out = new ArrayList<>();
        for (Fixtures.Case c : Fixtures.largestInputs()) {
            for (Detail detail : Detail.values()) out.add(Arguments.of(c, detail));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndDetails")
    void withinBudgetEveryCutNamedAndSchemaValid(Fixtures.Case c, Detail detail) {
        Digest unlimited = Fixtures.digest(c, Fixtures.options(detail, DigestOptions.MAX_MAX_TOKENS, 10));
        for (int budget : BUDGETS) {
            Digest d = Fixtures.digest(c, Fixtures.options(detail, budget, 10));
            Fixtures.assertWithinBudget(d, budget);
            Fixtures.assertValid(c.kind(), d);
            assertEveryCutNamed(unlimited, d);
        }
    }

    /** Every list or part the unlimited digest has and this one lacks (or shortens) is named in omitted. */
    static void assertEveryCutNamed(Digest unlimited, Digest d) {
        for (Map.Entry<String, Object> e : unlimited.structured().entrySet()) {
            String key = e.getKey();
            if (key.equals("omitted")) continue;
            Object mine = d.structured().get(key);
            boolean cut = mine == null && e.getValue() != null
                    || e.getValue() instanceof List<?> full
                            && mine instanceof List<?> shown
                            && shown.size() < full.size()
                    || e.getValue() instanceof Map<?, ?> full
                            && mine instanceof Map<?, ?> shown
                            && shown.size() < full.size();
            if (cut) {
                assertThat(d.omitted())
                        .as("cut of %s is named", key)
                        .anyMatch(o ->
                                o.startsWith(key + " ") || o.startsWith(key + ":") || o.startsWith("the whole digest"));
            }
        }
    }

    /** Each odd body either digests within budget and schema, or is refused naming the route: never a crash. */
    @Test
    void emptyAndOddBodiesDigestOrAreRefusedByName() {
        List<JsonNode> odd = List.of(
                SampleData.MAPPER.readTree("{}"),
                SampleData.MAPPER.readTree("[]"),
                SampleData.MAPPER.readTree("{\"positions\":[],\"metrics\":[],\"heatmap\":[],\"items\":[]}"),
                SampleData.MAPPER.readTree(
                        "[{\"coin\":null,\"totalValue\":\"12.5\",\"segments\":\"x\",\"profile\":7}]"));
        int refused = 0;
        for (Endpoint endpoint : Catalog.endpoints()) {
            for (Detail detail : Detail.values()) {
                Digest none = Fixtures.SUMMARIZER.summarize(
                        endpoint, List.of(), Fixtures.options(detail, 500, 10), Paging.single());
                Fixtures.assertValid(endpoint.digest(), none);
                for (JsonNode body : odd) {
                    try {
                        Digest d = Fixtures.SUMMARIZER.summarize(
                                endpoint, List.of(body), Fixtures.options(detail, 500, 10), Paging.single());
                        Fixtures.assertWithinBudget(d, 500);
                        Fixtures.assertValid(endpoint.digest(), d);
                    } catch (UpstreamBodyException e) {
                        refused++;
                        assertThat(e.getMessage())
                                .contains(endpoint.fullPathTemplate())
                                .contains("expected");
                    }
                }
            }
        }
        assertThat(refused).isPositive();
    }

    @Test
    void theLargestInputsAreTheSizesTheBriefNames() {
        Map<String, Fixtures.Case> cases = new java.util.HashMap<>();
        Fixtures.largestInputs().forEach(c -> cases.put(c.tool(), c));
        assertThat(cases.get("list_positions").pages().get(0).get("positions").size())
                .isEqualTo(1_000);
        assertThat(cases.get("get_positions_heatmap")
                        .pages()
                        .get(0)
                        .get("heatmap")
                        .size())
                .isEqualTo(300); // ≈ 1 MB, as the live heatmap
        assertThat(cases.get("get_positions_heatmap").pages().get(0).toString().length())
                .isGreaterThan(900_000);
        assertThat(cases.get("get_market_overview_metrics")
                        .pages()
                        .get(0)
                        .get("metrics")
                        .size())
                .isEqualTo(1_440);
    }

    @Test
    void aThousandPositionsDigestToAHundredTimesFewerTokens() {
        Fixtures.Case positions = Fixtures.largestInputs().get(0);
        int raw = ExactTokens.count(positions.pages().get(0).toString());
        Digest d = Fixtures.digest(positions, DigestOptions.defaults());
        assertThat(raw / Fixtures.tokens(d)).isGreaterThanOrEqualTo(100);
        // the default digest fills its 2,000-token budget (charged: the estimate, ~1.3x the exact count, +10%); the
        // essentials fit in it with fewer than 1,500 exact tokens
        Digest small = Fixtures.digest(positions, Fixtures.summary(2_000, 10));
        assertThat(Fixtures.tokens(small)).isLessThan(1_500);
        // the cohort split outlasts the per-coin list
        assertThat(small.structured())
                .containsKeys("totals", "nearLiquidation", "top", "bySizeCohort", "rowsScanned", "complete");
    }

    @Test
    void rowsDetailKeepsTheChosenFieldsAndSaysWhatItHolds() {
        Fixtures.Case positions = Fixtures.largestInputs().get(0);
        DigestOptions options = new DigestOptions(
                Detail.ROWS,
                List.of("coin", "positionValue", "profile.segments"),
                20,
                DigestOptions.DEFAULT_MAX_TOKENS,
                10,
                null,
                Map.of());
        Digest d = Fixtures.digest(positions, options);
        assertThat(d.structured())
                .containsEntry("fields", List.of("coin", "positionValue", "profile.segments"))
                .containsEntry("rowsTotal", 1_000L);
        List<?> rows = (List<?>) d.structured().get("rows");
        assertThat(rows).hasSize(20);
        assertThat((List<?>) rows.get(0))
                .hasSize(3)
                .first()
                .isEqualTo(positions
                        .pages()
                        .get(0)
                        .get("positions")
                        .get(0)
                        .get("coin")
                        .stringValue());
        assertThat(d.text())
                .contains("Rows: 20 of 1,000 rows read (maxRows=20 limits them)")
                .contains("columns: coin | positionValue | profile.segments")
                .doesNotContain("positionValue\":");
    }

    @Test
    void rawDetailCutsTheUpstreamJsonAndSaysSo() {
        Fixtures.Case heatmap = Fixtures.largestInputs().stream()
                .filter(c -> c.kind() == DigestKind.HEATMAP)
                .findFirst()
                .orElseThrow();
        Digest d = Fixtures.digest(heatmap, Fixtures.options(Detail.RAW, DigestOptions.DEFAULT_MAX_TOKENS, 10));
        List<?> raw = (List<?>) d.structured().get("raw");
        assertThat(raw).isNotEmpty().hasSizeLessThan(300);
        assertThat(d.omitted()).anyMatch(o -> o.startsWith("raw: " + raw.size() + " of 300 rows"));
    }

    @Test
    void everyKindHasASchemaAndEveryEndpointAKind() {
        for (DigestKind kind : DigestKind.values()) {
            assertThat(Summarizer.outputSchema(kind))
                    .contains("\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"");
            assertThat(Fixtures.schemaIsValid(kind)).as(kind.name()).isTrue();
        }
        assertThat(Catalog.endpoints()).extracting(e -> e.digest()).isNotEmpty();
        assertThat(Fixtures.largestInputs()).hasSize(Catalog.endpoints().size());
    }
}
