package dev.hypertracker.mcp.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {

    @Test
    void everyNamedDeclarationIsInTheToolListOnceAndInDeclarationOrder() throws IllegalAccessException {
        List<Endpoint> declared = new ArrayList<>();
        for (Field f : Catalog.class.getDeclaredFields()) {
            if (f.getType() == Endpoint.class
                    && Modifier.isStatic(f.getModifiers())
                    && Modifier.isPublic(f.getModifiers())) {
                declared.add((Endpoint) f.get(null));
                assertThat(f.getName())
                        .as("a declaration is named after its tool")
                        .isEqualTo(((Endpoint) f.get(null)).tool().toUpperCase(java.util.Locale.ROOT));
            }
        }
        // the seed's declarations come first; the groups' own classes (issue 15) follow them
        assertThat(Catalog.endpoints().subList(0, declared.size())).containsExactlyElementsOf(declared);
        assertThat(Catalog.endpoints()).extracting(Endpoint::tool).doesNotHaveDuplicates();
    }

    @Test
    void aDeclarationMissingARequiredPartFailsNamingIt() {
        assertThatThrownBy(() -> Endpoint.tool("some_tool")
                        .title("T")
                        .path("/x")
                        .toolset(Toolset.META)
                        .cacheTtl(java.time.Duration.ofMinutes(1))
                        .description("d")
                        .build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("some_tool: digest");
    }

    @Test
    void theBuilderDefaultsAreTheUnpagedNonExportCase() {
        Endpoint e = Endpoint.tool("some_tool")
                .title("T")
                .path("/x")
                .toolset(Toolset.META)
                .digest(DigestKind.COHORTS)
                .cacheTtl(java.time.Duration.ofMinutes(1))
                .description("d")
                .build();
        assertThat(e.pagination()).isEqualTo(Pagination.NONE);
        assertThat(e.rowsKey()).isNull();
        assertThat(e.export()).isFalse();
        assertThat(e.params()).isEmpty();
    }

    @Test
    void aCohortReadsTheSameByIdOrName() {
        assertThat(Cohort.parse("9")).contains(Cohort.SMART_MONEY);
        assertThat(Cohort.parse("Smart Money")).contains(Cohort.SMART_MONEY);
        assertThat(Cohort.parse("smartmoney")).contains(Cohort.SMART_MONEY);
        assertThat(Cohort.parse("whales")).contains(Cohort.WHALE);
        assertThat(Cohort.parse("16")).contains(Cohort.SHRIMP);
        for (String nothing : List.of("17", "0", "krakens", "", "-1", "\u202Ewhale", "999")) {
            assertThat(Cohort.parse(nothing)).as(nothing).isEmpty();
        }
        assertThat(Cohort.parse(null)).isEmpty();
    }
}
