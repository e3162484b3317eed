package dev.hypertracker.mcp.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.digest.Digest;
import dev.hypertracker.mcp.support.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class ResultStoreTest {
    final ManualClock clock = new ManualClock();
    final ResultStore store = new ResultStore(Duration.ofMinutes(30), 1_000, clock);
    final JsonNode body = JsonNodeFactory.instance.objectNode().put("a", 1);

    @Test
    void theSameBodiesAreStoredOnceAndTheirDigestIsMadeOnce() {
        var first = store.put(Catalog.LIST_COHORTS, "/api/external/segments", List.of(body), 100).orElseThrow();
        var again = store.put(Catalog.LIST_COHORTS, "/api/external/segments", List.of(body), 100).orElseThrow();
        assertThat(again.id()).isEqualTo(first.id());
        AtomicInteger summarized = new AtomicInteger();
        Digest d1 = again.digest("options", () -> { summarized.incrementAndGet(); return new Digest("t", Map.of(), List.of()); });
        Digest d2 = first.digest("options", () -> { summarized.incrementAndGet(); return new Digest("u", Map.of(), List.of()); });
        assertThat(d2).isSameAs(d1);
        assertThat(summarized).hasValue(1);
        // an equal but different body (a fresh fetch) is a new result
        var fresh = store.put(Catalog.LIST_COHORTS, "/api/external/segments", List.of(body.deepCopy()), 100).orElseThrow();
        assertThat(fresh.id()).isNotEqualTo(first.id());
    }

    @Test
    void resultsExpireAndTheOldestGoFirstPastTheByteBound() {
        var old = store.put(Catalog.LIST_COHORTS, "/a", List.of(body), 600).orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        var newer = store.put(Catalog.LIST_COHORTS, "/b", List.of(JsonNodeFactory.instance.objectNode()), 600).orElseThrow();
        assertThat(store.get(old.id())).isEmpty();
        assertThat(store.get(newer.id())).isPresent();
        assertThat(store.put(Catalog.LIST_COHORTS, "/c", List.of(body), 5_000)).as("larger than the whole store").isEmpty();
        clock.advance(Duration.ofMinutes(31));
        assertThat(store.get(newer.id())).isEmpty();
    }
}
