package dev.hypertracker.mcp.bench;

import dev.hypertracker.mcp.sandbox.SandboxConfig;
import dev.hypertracker.mcp.sandbox.SandboxServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Prints the sandbox's start-up time for the default data set (the --demo budget is 3 s on a loaded 2-core box;
 * typically a few hundred ms) and, with {@code million}, generation and first-aggregation times at 1,000,000
 * positions. Run by bench/sandbox.sh; a benchmark, not a unit test, because it measures the wall clock.
 */
public final class SandboxScaleReport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws IOException, InterruptedException {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.eclipse.jetty"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        long started = System.nanoTime();
        try (SandboxServer server = SandboxServer.start(SandboxConfig.defaults())) {
            Duration startup = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("%s; start-up %d ms (budget 3000 ms)%n", server.describe(), startup.toMillis());
        }
        if (args.length > 0 && args[0].equals("million")) million();
    }

    private static void million() throws IOException, InterruptedException {
        long started = System.nanoTime();
        try (SandboxServer server = SandboxServer.start(
                SandboxConfig.defaults().withPositions(1_000_000).withWallets(100_000))) {
            long startup = (System.nanoTime() - started) / 1_000_000;
            long t = System.nanoTime();
            get(server, "/positions/coins");
            long coins = (System.nanoTime() - t) / 1_000_000;
            t = System.nanoTime();
            get(server, "/position-metrics/coin/BTC?start=2025-01-01");
            long series = (System.nanoTime() - t) / 1_000_000;
            t = System.nanoTime();
            get(server, "/position-metrics/general?start=2025-01-01");
            long general = (System.nanoTime() - t) / 1_000_000;
            System.out.printf(
                    "%s; start-up %d ms; first /positions/coins %d ms, first BTC series %d ms, first general series %d ms%n",
                    server.describe(), startup, coins, series, general);
        }
    }

    private static void get(SandboxServer server, String apiPath) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.baseUrl().resolve("/api/external" + apiPath))
                .header("Authorization", "Bearer " + server.token())
                .build();
        int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) throw new IllegalStateException(apiPath + " -> " + status);
    }
}
