package dev.hypertracker.mcp.server;

import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.digest.DigestOptions;
import dev.hypertracker.mcp.digest.Summarizer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Does, on a background thread, the one-time work of a first tool call: the HTTP client (its TLS context: security
 * providers, cipher suites, the CA store; its selector thread), the JSON-schema validator that checks structured
 * output, and the digest path's classes. Only a head start: if anything here fails, the first call does the same work
 * itself.
 *
 * <p>It starts when a client lists the tools, not at start-up: a client lists them right after {@code initialize}
 * and calls one seconds later (after the user's question), so the first call still finds the work done, while a
 * server that was started but not yet used keeps the ~900 classes and the heap this loads (~5.5 MB of resident
 * memory, docs/performance.md) and the {@code initialize} answer keeps both cores to itself.
 */
final class FirstCallWarmUp {
    /** Which steps run (bench/startup.sh compares them): any of http, schema, digest; or none. */
    static final String STEPS_PROPERTY = "hypertracker.warmUp";

    private final Runnable prepareHttpClient;
    private final AtomicBoolean started = new AtomicBoolean();

    FirstCallWarmUp(Runnable prepareHttpClient) {
        this.prepareHttpClient = prepareHttpClient;
    }

    /** Starts the warm-up thread the first time (true); later calls do nothing (false). */
    boolean startOnce() {
        if (!started.compareAndSet(false, true)) return false;
        Thread thread = new Thread(() -> run(prepareHttpClient), "first-call-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return true;
    }

    static void run(Runnable prepareHttpClient) {
        try {
            String steps = System.getProperty(STEPS_PROPERTY, "http,schema,digest");
            if (steps.contains("http")) prepareHttpClient.run();
            if (steps.contains("schema"))
                McpJsonDefaults.getSchemaValidator().validate(Map.of("type", "object"), Map.of());
            if (steps.contains("digest"))
                new Summarizer()
                        .summarize(Catalog.endpoints().get(0), List.of(), DigestOptions.defaults(), Paging.single());
        } catch (RuntimeException | LinkageError ignored) {
            // nothing lost: the first call initialises whatever did not get done here
        }
    }
}
