package dev.hypertracker.mcp.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.hypertracker.mcp.config.Secret;
import dev.hypertracker.mcp.shared.SharedStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} (Debian package) of the test's own, on a free loopback port, without persistence;
 * stopped by its pid. Missing redis-server skips the test on a developer's machine and FAILS it in CI (CI=true),
 * where {@code .ci/run} installs it.
 */
public final class RedisProcess implements AutoCloseable {
    private final int port;
    private Process process;

    private RedisProcess(int port) {
        this.port = port;
    }

    public static RedisProcess start() {
        String binary = binary();
        RedisProcess redis = new RedisProcess(freePort());
        redis.launch(binary);
        return redis;
    }

    private static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "redis-server")))
                return Path.of(dir, "redis-server").toString();
        }
        if ("true".equals(System.getenv("CI")))
            fail("redis-server is not installed: .ci/run installs it (Debian redis-server)");
        Assumptions.abort("redis-server is not installed (apt-get install redis-server)");
        throw new IllegalStateException();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts redis-server on this port and returns once it says it accepts connections. */
    private void launch(String binary) {
        try {
            process = new ProcessBuilder(List.of(
                            binary,
                            "--port",
                            String.valueOf(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no",
                            "--loglevel",
                            "notice"))
                    .redirectErrorStream(true)
                    .start();
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line; (line = out.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (line.contains("Ready to accept connections")) break;
            }
            if (!process.isAlive()) fail("redis-server did not start:\n" + seen);
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // keep its pipe from filling
                    }
                } catch (IOException ignored) {
                    // it was stopped
                }
            });
            drain.setDaemon(true);
            drain.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A store on this server, connected: on a busy machine the JVM's first connection may outlast the connect
     * timeout, and the store then starts down; the clock is moved past the retry interval until it is up.
     */
    public SharedStore connect(Secret apiToken, ManualClock clock) {
        SharedStore store = SharedStore.connect(url(), apiToken, clock);
        for (int attempt = 0; attempt < 5 && store.state() != SharedStore.State.UP; attempt++)
            clock.advance(SharedStore.RETRY_INTERVAL);
        assertThat(store.state())
                .as("connected to redis-server on port " + port)
                .isEqualTo(SharedStore.State.UP);
        return store;
    }

    public URI url() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    /** Kills the server (SIGKILL, by pid) and waits until it is gone. */
    public void kill() throws InterruptedException {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** A new server on the same port (empty: nothing was persisted). */
    public void restart() {
        launch(binary());
    }

    @Override
    public void close() {
        if (process == null || !process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
