package dev.hypertracker.mcp.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.digest.Digest;
import dev.hypertracker.mcp.memory.PackedJson;
import dev.hypertracker.mcp.support.ManualClock;
import io.modelcontextprotocol.spec.McpError;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class ResultStoreTest {
    static final String ALICE = "session-alice";
    static final String BOB = "session-bob";
    final ManualClock clock = new ManualClock();
    final JsonNode tree = JsonNodeFactory.instance.objectNode().put("a", 1);
    final PackedJson body = PackedJson.pack(tree);
    final long weight = body.heapBytes();
    /** Room for two such bodies, not three. */
    final ResultStore store = new ResultStore(Duration.ofMinutes(30), 2 * weight + weight / 2, clock);

    @Test
    void theSameBodiesAreStoredOnceAndTheirDigestIsMadeOnce() {
        var first = store.put(ALICE, Catalog.LIST_COHORTS, "/api/external/segments", List.of(body), 100)
                .orElseThrow();
        var again = store.put(ALICE, Catalog.LIST_COHORTS, "/api/external/segments", List.of(body), 100)
                .orElseThrow();
        assertThat(again.id()).isEqualTo(first.id());
        AtomicInteger summarized = new AtomicInteger();
        Digest d1 = again.digest("options", () -> {
            summarized.incrementAndGet();
            return new Digest("t", Map.of(), List.of());
        });
        Digest d2 = first.digest("options", () -> {
            summarized.incrementAndGet();
            return new Digest("u", Map.of(), List.of());
        });
        assertThat(d2).isSameAs(d1);
        assertThat(summarized).hasValue(1);
        // an equal but different body (a fresh fetch, packed anew) is a new result
        var fresh = store.put(
                        ALICE, Catalog.LIST_COHORTS, "/api/external/segments", List.of(PackedJson.pack(tree)), 100)
                .orElseThrow();
        assertThat(fresh.id()).isNotEqualTo(first.id());
    }

    @Test
    void theOldestGoFirstPastTheHeapBoundAndAReadOfThemSaysExpired() {
        // wire sizes are tiny: only the packed pages' heap cost can fill the store
        var old = store.put(ALICE, Catalog.LIST_COHORTS, "/a", List.of(body), 7).orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        var middle = store.put(ALICE, Catalog.LIST_COHORTS, "/b", List.of(PackedJson.pack(tree)), 7)
                .orElseThrow();
        var newest = store.put(ALICE, Catalog.LIST_COHORTS, "/c", List.of(PackedJson.pack(tree)), 7)
                .orElseThrow();
        assertThat(store.get(ALICE, old.id())).isEmpty();
        assertThat(store.lookup(ALICE, old.id())).isEqualTo(ResultStore.Lookup.EXPIRED);
        assertThat(store.get(ALICE, middle.id())).isPresent();
        assertThat(store.get(ALICE, newest.id())).isPresent();
        assertThat(store.sizeBytes()).isEqualTo(2 * weight).isEqualTo(middle.heapBytes() + newest.heapBytes());

        PackedJson big = PackedJson.pack(JsonNodeFactory.instance.objectNode().put("text", "x".repeat(1000)));
        assertThat(store.put(ALICE, Catalog.LIST_COHORTS, "/d", List.of(big), 10))
                .as("larger than the whole store")
                .isEmpty();

        clock.advance(Duration.ofMinutes(30));
        assertThat(store.lookup(ALICE, newest.id())).isEqualTo(ResultStore.Lookup.EXPIRED);
        assertThat(store.sizeBytes()).isZero();
        assertThat(store.lookup(ALICE, "neverIssued")).isEqualTo(ResultStore.Lookup.UNKNOWN);
    }

    @Test
    void readingAnEvictedResultSaysExpiredAndToCallTheToolAgain() {
        var old = store.put(ALICE, Catalog.LIST_COHORTS, "/a", List.of(body), 7).orElseThrow();
        store.put(ALICE, Catalog.LIST_COHORTS, "/b", List.of(PackedJson.pack(tree)), 7);
        store.put(ALICE, Catalog.LIST_COHORTS, "/c", List.of(PackedJson.pack(tree)), 7);
        ResultResources resources = new ResultResources(store);
        assertThatThrownBy(() -> resources.read(ALICE, old.jsonUri(), false))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("expired: call the tool again");
        assertThatThrownBy(() -> resources.read(ALICE, old.csvUri(), true))
                .hasMessageContaining("expired: call the tool again");
        assertThatThrownBy(() -> resources.read(BOB, old.jsonUri(), false))
                .hasMessageContaining("unknown to this session");
    }

    @Test
    void aResultIsReadableOnlyByTheSessionThatMadeIt() {
        var alices = store.put(ALICE, Catalog.LIST_COHORTS, "/api/external/wallets/0xabc", List.of(body), 7)
                .orElseThrow();
        assertThat(store.get(BOB, alices.id())).isEmpty();
        assertThat(store.lookup(BOB, alices.id())).isEqualTo(ResultStore.Lookup.UNKNOWN);
        // the same bodies asked by another session make that session its own result
        var bobs = store.put(BOB, Catalog.LIST_COHORTS, "/api/external/wallets/0xabc", List.of(body), 7)
                .orElseThrow();
        assertThat(bobs.id()).isNotEqualTo(alices.id());
        assertThat(store.get(ALICE, alices.id())).isPresent();
        // once dropped, another session still learns nothing about it
        clock.advance(Duration.ofMinutes(31));
        assertThat(store.lookup(BOB, alices.id())).isEqualTo(ResultStore.Lookup.UNKNOWN);
        assertThat(store.lookup(ALICE, alices.id())).isEqualTo(ResultStore.Lookup.EXPIRED);
    }

    @Test
    void idsAre128RandomBits() {
        ResultStore roomy = new ResultStore(Duration.ofMinutes(30), Long.MAX_VALUE, clock);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String id = roomy.put(ALICE, Catalog.LIST_COHORTS, "/x", List.of(PackedJson.pack(tree)), 7)
                    .orElseThrow()
                    .id();
            assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
            ids.add(id);
        }
        assertThat(ids).hasSize(2_000);
        // no shared prefix as a counter or clock would leave
        assertThat(ids.stream().map(id -> id.substring(0, 4)).distinct().count())
                .isGreaterThan(1_900);
    }
}
