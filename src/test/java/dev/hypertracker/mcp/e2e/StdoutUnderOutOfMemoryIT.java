package dev.hypertracker.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Item 2: nothing but JSON-RPC on stdout, even when the JVM dies of an OutOfMemoryError. HotSpot writes
 * "Terminating due to java.lang.OutOfMemoryError: Java heap space" to file descriptor 1 itself, past System.out.
 * The test forces the OOM over stdio: a tiny heap, -XX:+ExitOnOutOfMemoryError (exit code 3) and waves of
 * concurrent 20-page list_positions calls against the demo sandbox, until the process dies.
 */
class StdoutUnderOutOfMemoryIT {
    static final int EXIT_ON_OUT_OF_MEMORY = 3;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void plainJavaJar() throws Exception {
        try (StdioMcpClient client = new StdioMcpClient(
                List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"),
                List.of("--demo", "--rate-limit", "100000"),
                Map.of())) {
            assertThat(forceOutOfMemory(client)).as(client.stderr()).isEqualTo(EXIT_ON_OUT_OF_MEMORY);
            client.assertStdoutIsOnlyJsonRpc();
            assertThat(client.stdoutLines).isNotEmpty(); // the initialize answer, at least
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void launcherAlsoShowsTheJvmLineOnStderr() throws Exception {
        try (StdioMcpClient client =
                StdioMcpClient.launcher(Map.of("HYPERTRACKER_MCP_HEAP", "64m"), "--demo", "--rate-limit", "100000")) {
            assertThat(forceOutOfMemory(client)).as(client.stderr()).isEqualTo(EXIT_ON_OUT_OF_MEMORY);
            client.assertStdoutIsOnlyJsonRpc();
            assertThat(client.stderr()).contains("Terminating due to java.lang.OutOfMemoryError");
        }
    }

    /** Sends waves of large concurrent calls until the process exits; returns its exit code. */
    private static int forceOutOfMemory(StdioMcpClient client) throws Exception {
        client.initialize();
        String[] coins = {"BTC", "ETH", "SOL", "HYPE", "XRP", "DOGE", "SUI", "BNB"};
        for (int wave = 0; wave < 50 && client.process.isAlive(); wave++) {
            for (int i = 0; i < coins.length; i++) {
                client.send(
                        "tools/call",
                        Map.of(
                                "name",
                                "list_positions",
                                "arguments",
                                Map.of(
                                        "coin",
                                        coins[i],
                                        "maxPages",
                                        20,
                                        "fresh",
                                        true,
                                        "start",
                                        "2025-04-0" + (4 + wave % 5))));
            }
            client.process.waitFor(5, TimeUnit.SECONDS);
        }
        assertThat(client.process.waitFor(2, TimeUnit.MINUTES))
                .as("no OutOfMemoryError could be forced")
                .isTrue();
        return client.process.exitValue();
    }
}
