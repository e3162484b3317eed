package dev.hypertracker.mcp.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.hypertracker.mcp.config.Secret;
import dev.hypertracker.mcp.sandbox.Fault;
import dev.hypertracker.mcp.sandbox.RequestLog;
import dev.hypertracker.mcp.support.SandboxHarness;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API token never appears in a log line (at DEBUG), a result's text or structuredContent, or an error, for
 * successful and failing calls alike; pre-signed export URLs are logged without their query (the signature).
 */
class SecretLeakTest {
    static final String TOKEN = "tk_LEAKCHECK_7f3a9c21d0";
    static final String WRONG_TOKEN = "tk_WRONGTOKEN_55e1b04aa9";

    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    final Logger ours = (Logger) LoggerFactory.getLogger("dev.hypertracker.mcp");
    final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    Level previous;
    final List<String> outputs = new ArrayList<>();

    @BeforeEach
    void capture() {
        previous = ours.getLevel();
        ours.setLevel(Level.DEBUG);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void release() {
        root.detachAppender(appender);
        ours.setLevel(previous);
    }

    void record(CallToolResult r) {
        outputs.add(JsonMapper.builder().build().writeValueAsString(r));
    }

    List<String> logLines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent e : appender.list) {
            lines.add(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause())
                lines.add(t.getClassName() + ": " + t.getMessage());
        }
        return lines;
    }

    @Test
    void theTokenAndExportSignaturesNeverAppearInLogsResultsOrErrors() {
        List<String> signedQueries = new ArrayList<>();
        try (SandboxHarness h = SandboxHarness.start(
                SandboxHarness.SMALL.withToken(TOKEN),
                s -> s.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3))
                        .withRetries(1, Duration.ofSeconds(2)))) {
            record(h.call("get_open_exposure_by_coin", Map.of()));
            record(h.call("list_positions", Map.of("coin", "BTC", "limit", 50, "maxPages", 2)));
            record(h.call("export_coin_positions", Map.of("coin", "BTC")));
            h.sandbox()
                    .faults()
                    .on("/files/exports/ETH/positions.json", Fault.status(403)); // expired link, re-requested
            record(h.call("export_coin_positions", Map.of("coin", "ETH")));
            h.sandbox().faults().on("/files/exports/SOL/positions.json", Fault.status(403), 2); // expired twice: error
            record(h.call("export_coin_positions", Map.of("coin", "SOL")));
            for (int status : new int[] {400, 401, 403, 404, 500, 502}) {
                h.sandbox().faults().clear();
                h.sandbox().faults().on("/api/external/positions/coins", Fault.status(status), 2);
                record(h.call("get_open_exposure_by_coin", Map.of("fresh", true)));
            }
            h.sandbox().faults().on("/api/external/positions/coins", Fault.rateLimited(60, true));
            record(h.call("get_open_exposure_by_coin", Map.of("fresh", true)));
            h.sandbox().faults().on("/api/external/positions/coins", Fault.malformedBody(), 2);
            record(h.call("get_open_exposure_by_coin", Map.of("fresh", true)));
            record(h.call("get_coin_position_metrics", Map.of("coin", "NOSUCHCOIN")));
            record(h.call("get_server_status", Map.of()));
            for (RequestLog.Entry e : h.sandbox().requestLog().entries()) {
                if (e.path().startsWith("/files/exports/")) signedQueries.add(e.rawQuery());
            }
        }
        // a real 401: the server holds a token the API does not accept
        try (SandboxHarness h = SandboxHarness.start(
                SandboxHarness.SMALL,
                s -> new dev.hypertracker.mcp.config.Settings(
                        s.baseUrl(),
                        Secret.of(WRONG_TOKEN),
                        s.demo(),
                        s.connectTimeout(),
                        s.requestTimeout(),
                        s.callDeadline(),
                        s.maxRetries(),
                        s.maxRetryAfter(),
                        s.requestsPerMinute(),
                        s.cacheMaxBytes(),
                        s.cacheEnabled()))) {
            CallToolResult unauthorized = h.call("get_open_exposure_by_coin", Map.of());
            assertThat(unauthorized.isError()).isTrue();
            assertThat(SandboxHarness.text(unauthorized)).contains("HYPERTRACKER_API_TOKEN");
            record(unauthorized);
            record(h.call("export_coin_positions", Map.of("coin", "BTC")));
            record(h.call("get_server_status", Map.of()));
        }

        List<String> logs = logLines();
        assertThat(outputs).hasSize(18);
        assertThat(String.join("\n", outputs))
                .contains("(401)", "(403)", "Not found (404)", "HTTP 500", "HTTP 502", "retry in 60 s");
        assertThat(logs).as("DEBUG logging happened").anyMatch(l -> l.startsWith("GET /api/external/"));
        assertThat(String.join("\n", outputs)).doesNotContain(TOKEN).doesNotContain(WRONG_TOKEN);
        assertThat(logs).noneMatch(l -> l.contains(TOKEN) || l.contains(WRONG_TOKEN));

        assertThat(signedQueries).hasSizeGreaterThanOrEqualTo(4).allMatch(q -> q.contains("signature="));
        for (String q : signedQueries) {
            String signature = q.substring(q.indexOf("signature=") + "signature=".length());
            assertThat(logs).noneMatch(l -> l.contains(signature));
            assertThat(String.join("\n", outputs)).doesNotContain(signature);
        }
        assertThat(logs)
                .as("export files are logged, without their query")
                .anyMatch(l ->
                        l.matches("GET export file http://127\\.0\\.0\\.1:\\d+/files/exports/BTC/positions\\.json\\?…"))
                .anyMatch(l -> l.contains("/files/exports/ETH/positions.json?… answered 403"))
                .noneMatch(l -> l.contains("expires="));
    }
}
