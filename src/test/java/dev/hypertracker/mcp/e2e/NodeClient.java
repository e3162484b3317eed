package dev.hypertracker.mcp.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the official TypeScript SDK client ({@code e2e/clients/run-scenario.mjs}) as a real client would and
 * parses the one-line JSON report it prints. Needs {@code node} on the PATH and {@code npm ci} run in
 * {@code e2e/clients}; see {@link #available()} to skip otherwise.
 *
 * <pre>{@code
 * NodeClient.Report report = NodeClient.http(server.endpointUrl(HTTP).toString(), token, scenarioJson);
 * NodeClient.Report report = NodeClient.stdio(List.of("java", "-jar", jar), Map.of("K", "V"), scenarioJson);
 * assertThat(report.failures()).isEmpty();
 * }</pre>
 */
public final class NodeClient {
    public static final String SCENARIO_SCRIPT = "run-scenario";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private NodeClient() {}

    /** What the script printed: {@code ok}, {@code server}, {@code steps[]}, {@code failures[]}, maybe {@code error}. */
    public record Report(int exitCode, JsonNode json, String stderr) {
        public boolean ok() {
            return exitCode == 0 && json.path("ok").asBoolean(false);
        }

        /** Expectation failures, or the error that stopped the run, as readable lines. */
        public List<String> failures() {
            List<String> failures = new ArrayList<>();
            json.path("failures").forEach(failure -> failures.add(failure.asString()));
            if (json.hasNonNull("error")) {
                failures.add(json.path("error").asString());
            }
            return failures;
        }

        /** The outcome of the scenario step with this "id"; fails when the scenario has no such step. */
        public JsonNode step(String id) {
            for (JsonNode step : json.path("steps")) {
                if (id.equals(step.path("id").asString(null))) return step;
            }
            throw new AssertionError("the report has no step \"" + id + "\": " + json.path("steps"));
        }
    }

    /** The directory holding the scripts: {@code e2e/clients} under the Maven base directory. */
    public static Path clientsDir() {
        return Path.of(System.getProperty("basedir", "."))
                .resolve("e2e/clients")
                .toAbsolutePath();
    }

    /** Whether node and the installed SDK are there, for {@code assumeTrue}. */
    public static boolean available() {
        if (!Files.isDirectory(clientsDir().resolve("node_modules/@modelcontextprotocol/sdk"))) {
            return false;
        }
        try {
            return new ProcessBuilder("node", "--version")
                            .redirectErrorStream(true)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Set by Maven unless {@code -Dskip.npm=true}: the build ran {@code npm ci}, so missing clients are an error. */
    public static final String REQUIRE_PROPERTY = "hypertracker.e2e.requireNode";

    /**
     * Skips the calling test when node or the clients are missing, except in a Maven build that installed them
     * ({@value #REQUIRE_PROPERTY}), where that fails: a broken install must not pass as "skipped".
     */
    public static void assumeAvailable() {
        if (available()) {
            return;
        }
        if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
            throw new AssertionError(
                    "node or " + clientsDir().resolve("node_modules") + " is missing although the build "
                            + "ran `npm ci` (use -Dskip.npm=true to skip the real-client tests)");
        }
        Assumptions.abort("node and e2e/clients/node_modules needed (cd e2e/clients && npm ci)");
    }

    public static Report http(String mcpUrl, String token, String scenarioJson) {
        return run(
                SCENARIO_SCRIPT,
                withToken(List.of("--transport", "http", "--url", mcpUrl, "--scenario-json", scenarioJson), token),
                DEFAULT_TIMEOUT);
    }

    public static Report sse(String sseUrl, String token, String scenarioJson) {
        return run(
                SCENARIO_SCRIPT,
                withToken(List.of("--transport", "sse", "--url", sseUrl, "--scenario-json", scenarioJson), token),
                DEFAULT_TIMEOUT);
    }

    /** Launches {@code command} as the server, with {@code env} added to the inherited environment. */
    public static Report stdio(List<String> command, Map<String, String> env, String scenarioJson) {
        List<String> args = new ArrayList<>(List.of("--transport", "stdio", "--scenario-json", scenarioJson));
        env.forEach((key, value) -> args.addAll(List.of("--env", key + "=" + value)));
        args.add("--");
        args.addAll(command);
        return run(SCENARIO_SCRIPT, args, DEFAULT_TIMEOUT);
    }

    /** Runs {@code node e2e/clients/<script>.mjs <args>} and parses the last stdout line as the report. */
    public static Report run(String script, List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>(
                List.of("node", clientsDir().resolve(script + ".mjs").toString()));
        command.addAll(args);
        try {
            Process process =
                    new ProcessBuilder(command).directory(clientsDir().toFile()).start();
            process.getOutputStream().close();
            CompletableFuture<String> stdout = readAsync(process.getInputStream());
            CompletableFuture<String> stderr = readAsync(process.getErrorStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("node " + script + " did not finish within " + timeout);
            }
            String output = stdout.get().strip();
            String lastLine = output.substring(output.lastIndexOf('\n') + 1);
            if (lastLine.isEmpty()) {
                throw new IllegalStateException("node " + script + " printed no report; stderr: " + stderr.get());
            }
            return new Report(process.exitValue(), JSON.readTree(lastLine), stderr.get());
        } catch (IOException | ExecutionException e) {
            throw new IllegalStateException("Cannot run node " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running node " + script, e);
        }
    }

    private static List<String> withToken(List<String> args, String token) {
        List<String> all = new ArrayList<>(args);
        if (token != null) {
            all.addAll(List.of("--token", token));
        }
        return all;
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
