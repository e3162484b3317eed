package dev.hypertracker.mcp.server;

import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.digest.DigestOptions;
import dev.hypertracker.mcp.digest.Summarizer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.util.List;
import java.util.Map;

/**
 * Does, on a background thread right after start, the one-time work of a first tool call: the HTTP client (its TLS
 * context: security providers, cipher suites, the CA store; its selector thread), the JSON-schema validator that
 * checks structured output, and the digest path's classes. A client sends its first call a while after
 * {@code initialize}, so that call no longer pays ~1,500 class initialisations. Only a head start: if anything here
 * fails, the first call does the same work itself.
 */
final class FirstCallWarmUp {
    /**
     * Head start of the answer to {@code initialize}, which the client sends at once: on a 2-core machine the
     * warm-up would otherwise compete with it for the CPU. Clients call tools seconds later, after their lists.
     */
    static final long DELAY_MILLIS = 250;

    /** Which steps run (bench/startup.sh compares them): any of http, schema, digest; or none. */
    static final String STEPS_PROPERTY = "hypertracker.warmUp";

    private FirstCallWarmUp() {}

    static void start(Runnable prepareHttpClient) {
        Thread thread = new Thread(() -> run(prepareHttpClient), "first-call-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    static void run(Runnable prepareHttpClient) {
        try {
            String steps = System.getProperty(STEPS_PROPERTY, "http,schema,digest");
            if (steps.equals("none")) return;
            Thread.sleep(DELAY_MILLIS);
            if (steps.contains("http")) prepareHttpClient.run();
            if (steps.contains("schema"))
                McpJsonDefaults.getSchemaValidator().validate(Map.of("type", "object"), Map.of());
            if (steps.contains("digest"))
                new Summarizer()
                        .summarize(Catalog.endpoints().get(0), List.of(), DigestOptions.defaults(), Paging.single());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError ignored) {
            // nothing lost: the first call initialises whatever did not get done here
        }
    }
}
