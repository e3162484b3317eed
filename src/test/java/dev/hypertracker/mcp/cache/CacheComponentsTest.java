package dev.hypertracker.mcp.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.support.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class CacheComponentsTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void cacheExpiresByTtlAndEvictsLeastRecentlyUsedByBytes() {
        ResponseCache cache = new ResponseCache(1000, clock);
        var body = JsonNodeFactory.instance.stringNode("x");
        cache.put("a", body, 200, Duration.ofMinutes(10));
        cache.put("b", body, 200, Duration.ofMinutes(1));
        cache.put("c", body, 200, Duration.ofMinutes(10));
        assertThat(cache.get("a")).isPresent(); // a is now the most recently used
        cache.put("d", body, 200, Duration.ofMinutes(10));
        cache.put("e", body, 200, Duration.ofMinutes(10));
        cache.put("f", body, 200, Duration.ofMinutes(10)); // 1,200 bytes > 1,000: one eviction
        assertThat(cache.sizeBytes()).isLessThanOrEqualTo(1000);
        assertThat(cache.get("b")).isEmpty(); // least recently used went first
        assertThat(cache.get("a")).isPresent();
        clock.advance(Duration.ofMinutes(11));
        assertThat(cache.get("a")).isEmpty();
        cache.put("huge", body, 300, Duration.ofMinutes(10)); // over a quarter of the bound: not cached
        assertThat(cache.get("huge")).isEmpty();
    }
}
