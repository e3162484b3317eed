package dev.hypertracker.mcp.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.memory.HeapBudget;
import dev.hypertracker.mcp.memory.PackedJson;
import dev.hypertracker.mcp.support.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class CacheComponentsTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void cacheExpiresByTtlAndEvictsLeastRecentlyUsedByHeapSize() {
        var body = PackedJson.pack(JsonNodeFactory.instance.objectNode().put("x", "y".repeat(100)));
        long weight = body.heapBytes();
        // room for five bodies by heap cost; their wire sizes (1 byte) would never fill it
        ResponseCache cache = new ResponseCache(Long.MAX_VALUE, 5 * weight + weight / 2, clock);
        cache.put("a", body, 1, Duration.ofMinutes(10));
        cache.put("b", body, 1, Duration.ofMinutes(1));
        cache.put("c", body, 1, Duration.ofMinutes(10));
        assertThat(cache.get("a")).isPresent(); // a is now the most recently used
        cache.put("d", body, 1, Duration.ofMinutes(10));
        cache.put("e", body, 1, Duration.ofMinutes(10));
        cache.put("f", body, 1, Duration.ofMinutes(10)); // six bodies > the bound: one eviction
        assertThat(cache.sizeBytes()).isEqualTo(5 * weight);
        assertThat(cache.get("b")).isEmpty(); // least recently used went first
        assertThat(cache.get("a")).isPresent();
        assertThat(cache.get("f").orElseThrow().bytes())
                .as("wire size kept for reporting")
                .isEqualTo(1);
        clock.advance(Duration.ofMinutes(11));
        assertThat(cache.get("a")).isEmpty();
        var huge = PackedJson.pack(JsonNodeFactory.instance.objectNode().put("x", "y".repeat(1000)));
        cache.put("huge", huge, 1, Duration.ofMinutes(10)); // over a quarter of the bound: not cached
        assertThat(cache.get("huge")).isEmpty();
    }

    @Test
    void theConfiguredSizeIsCappedByTheHeapShare() {
        assertThat(new ResponseCache(1000, 400, clock).maxBytes()).isEqualTo(400);
        assertThat(new ResponseCache(300, 400, clock).maxBytes()).isEqualTo(300);
        assertThat(new ResponseCache(Long.MAX_VALUE, clock).maxBytes())
                .isEqualTo((long) (Runtime.getRuntime().maxMemory() * HeapBudget.RESPONSE_CACHE_SHARE));
    }
}
