package dev.hypertracker.mcp.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A minimal JSON-RPC client for the real jar over stdio, as Claude Desktop runs it: one JSON message per line on
 * stdin/stdout. It records every stdout line so tests can prove nothing but JSON-RPC was written there.
 */
public final class StdioMcpClient implements AutoCloseable {
    static final ObjectMapper JSON = JsonMapper.builder().build();

    public final Process process;
    public final List<String> stdoutLines = Collections.synchronizedList(new ArrayList<>());
    final List<JsonNode> notifications = Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<JsonNode> responses = new LinkedBlockingQueue<>();
    private final OutputStream stdin;
    private final Path stderrFile;
    private int nextId = 1;

    /** {@code java -jar} the built jar, with these arguments. */
    StdioMcpClient(List<String> extraArgs, Map<String, String> env) throws IOException {
        this(List.of(), extraArgs, env);
    }

    /** {@code java <jvmArgs> -jar hypertracker-mcp.jar <extraArgs>}. */
    StdioMcpClient(List<String> jvmArgs, List<String> extraArgs, Map<String, String> env) throws IOException {
        this(javaCommand(jvmArgs, extraArgs), env, Set.of());
    }

    /** The server through bin/hypertracker-mcp (its JVM flags) on the jar under test; skipped where bash is not. */
    static StdioMcpClient launcher(Map<String, String> extraEnv, String... args) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                !System.getProperty("os.name").toLowerCase().contains("win"), "bash launcher");
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.put("HYPERTRACKER_MCP_JAR", jar());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        List<String> command = new ArrayList<>(
                List.of("bash", Path.of("bin", "hypertracker-mcp").toString()));
        command.addAll(List.of(args));
        return new StdioMcpClient(command, env, Set.of());
    }

    static String jar() {
        return System.getProperty("hypertracker.jar", "target/hypertracker-mcp.jar");
    }

    private static List<String> javaCommand(List<String> jvmArgs, List<String> extraArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar());
        command.addAll(extraArgs);
        return command;
    }

    /** Any command (a launcher, a bundle's binary), with these variables set and those removed from its environment. */
    public static StdioMcpClient launch(List<String> command, Map<String, String> env, Set<String> removed)
            throws IOException {
        return new StdioMcpClient(command, env, removed);
    }

    private StdioMcpClient(List<String> command, Map<String, String> env, Set<String> removed) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("HYPERTRACKER_API_TOKEN");
        pb.environment().remove("HYPERTRACKER_BASE_URL");
        pb.environment().remove("HYPERTRACKER_MCP_JAVA_OPTS");
        pb.environment().keySet().removeAll(removed);
        pb.environment().putAll(env);
        stderrFile = Files.createTempFile("hypertracker-stderr", ".log");
        pb.redirectError(stderrFile.toFile());
        process = pb.start();
        stdin = process.getOutputStream();
        Thread reader = new Thread(this::readStdout, "stdout-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readStdout() {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                stdoutLines.add(line);
                try {
                    JsonNode msg = JSON.readTree(line);
                    if (msg.has("id") && !msg.has("method")) responses.add(msg);
                    else notifications.add(msg);
                } catch (RuntimeException notJson) {
                    // kept in stdoutLines: the test that checks stdout purity reports it
                }
            }
        } catch (IOException ignored) {
            // process ended
        }
    }

    void sendRaw(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Writes text without a line end (half a message, to test EOF mid-request). */
    void sendPartial(String text) throws IOException {
        stdin.write(text.getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** The next response with this id, or fails after the timeout (for ids the test chose itself). */
    JsonNode response(int id, Duration timeout) throws Exception {
        return awaitResponse(id, timeout);
    }

    JsonNode request(String method, Object params) throws Exception {
        return awaitResponse(send(method, params), Duration.ofSeconds(60));
    }

    /** Sends a request without waiting for its answer; returns its id. */
    int send(String method, Object params) throws IOException {
        int id = nextId++;
        ObjectNode msg = JSON.createObjectNode();
        msg.put("jsonrpc", "2.0");
        msg.put("id", id);
        msg.put("method", method);
        if (params != null) msg.set("params", JSON.valueToTree(params));
        sendRaw(JSON.writeValueAsString(msg));
        return id;
    }

    /** Fails unless every line written to stdout so far is one JSON-RPC 2.0 object. */
    void assertStdoutIsOnlyJsonRpc() {
        synchronized (stdoutLines) {
            for (String line : stdoutLines) {
                JsonNode msg;
                try {
                    msg = JSON.readTree(line);
                } catch (RuntimeException e) {
                    throw new AssertionError("not JSON on stdout: " + line);
                }
                if (!msg.isObject() || !"2.0".equals(msg.path("jsonrpc").asString())) {
                    throw new AssertionError("not a JSON-RPC 2.0 message on stdout: " + line);
                }
            }
        }
    }

    JsonNode awaitResponse(int id, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        List<JsonNode> others = new ArrayList<>();
        try {
            while (System.nanoTime() < end) {
                JsonNode r = responses.poll(100, TimeUnit.MILLISECONDS);
                if (r == null) continue;
                if (r.path("id").asInt(-1) == id) return r;
                others.add(r);
            }
        } finally {
            responses.addAll(others);
        }
        throw new AssertionError("no response to request " + id + " within " + timeout + "; stderr:\n" + stderr());
    }

    void notify(String method) throws IOException {
        sendRaw("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"}");
    }

    public JsonNode initialize() throws Exception {
        JsonNode r = initializeOnly();
        notify("notifications/initialized");
        return r;
    }

    /** The initialize request alone, without the notifications/initialized that should follow it. */
    JsonNode initializeOnly() throws Exception {
        return request(
                "initialize",
                Map.of(
                        "protocolVersion",
                        "2025-06-18",
                        "capabilities",
                        Map.of(),
                        "clientInfo",
                        Map.of("name", "e2e-test", "version", "1")));
    }

    public JsonNode callTool(String name, Map<String, Object> arguments) throws Exception {
        return request("tools/call", Map.of("name", name, "arguments", arguments))
                .path("result");
    }

    public String stderr() throws IOException {
        return Files.readString(stderrFile);
    }

    /** Closes stdin and waits for the process to exit; returns its exit code. */
    public int closeAndWait(Duration timeout) throws Exception {
        stdin.close();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server did not exit after stdin closed");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(stderrFile);
    }
}
