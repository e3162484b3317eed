package dev.hypertracker.mcp.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Per-process counters of what the server cost the user's quota and what it saved. */
public final class UpstreamStats {
    private final AtomicLong upstreamRequests = new AtomicLong();
    private final AtomicLong exportDownloads = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong coalesced = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong throttledLocally = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong toolCalls = new AtomicLong();
    private final AtomicLong toolErrors = new AtomicLong();

    public void upstreamRequest() {
        upstreamRequests.incrementAndGet();
    }

    public void exportDownload() {
        exportDownloads.incrementAndGet();
    }

    public void cacheHit() {
        cacheHits.incrementAndGet();
    }

    public void coalesced() {
        coalesced.incrementAndGet();
    }

    public void retry() {
        retries.incrementAndGet();
    }

    public void rateLimited() {
        rateLimited.incrementAndGet();
    }

    public void throttledLocally() {
        throttledLocally.incrementAndGet();
    }

    public void failure() {
        failures.incrementAndGet();
    }

    public void toolCall(boolean error) {
        toolCalls.incrementAndGet();
        if (error) toolErrors.incrementAndGet();
    }

    public long upstreamRequests() {
        return upstreamRequests.get();
    }

    public long coalescedCount() {
        return coalesced.get();
    }

    /** The counters as JSON-ready map, for the status tool, resource and logs. */
    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("upstreamRequests", upstreamRequests.get());
        m.put("exportDownloads", exportDownloads.get());
        m.put("cacheHits", cacheHits.get());
        m.put("coalescedRequests", coalesced.get());
        m.put("retries", retries.get());
        m.put("rateLimited429", rateLimited.get());
        m.put("throttledLocally", throttledLocally.get());
        m.put("upstreamFailures", failures.get());
        m.put("toolCalls", toolCalls.get());
        m.put("toolErrors", toolErrors.get());
        return m;
    }
}
