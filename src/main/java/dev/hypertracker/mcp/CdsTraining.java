package dev.hypertracker.mcp;

import dev.hypertracker.mcp.cli.ServeArguments;
import dev.hypertracker.mcp.config.Settings;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Training run for the AppCDS archive ({@code target/hypertracker-mcp.jsa}, written by the build) and, on JDK 25+,
 * the AOT cache ({@code .aot}, written by the launcher): the stdio server on a scripted session (initialize,
 * tools/list, resource and prompt lists, one tool call, then end of input), so the archive holds the classes of a
 * real start and of a first digest. The protocol output is checked, then discarded: a session that did not answer
 * every request, or answered one with an error, exits 1 and fails the build. Nothing in the server calls this class.
 *
 * <p>The recorded JVM must run what a real session runs and nothing else: the upstream is the sandbox in a separate
 * JVM on a loopback port ({@code sandbox --port 0}), reached through {@code HYPERTRACKER_BASE_URL} and
 * {@code HYPERTRACKER_API_TOKEN} as a real server reaches the API. An embedded sandbox ({@code --demo}) would put its
 * ~630 classes (Jetty, JMX, JUL, JFR) into the archive or cache, and every page of a mapped archive is resident (the
 * JDK relocates it to a random address and so writes to it): ~7 MB of idle memory in every session
 * (docs/performance.md).
 *
 * <ul>
 *   <li>{@code --archive FILE} (the pom, the bundle and the Docker image): the session in a child JVM that records
 *       its classes ({@code -XX:DumpLoadedClassList}), the list without any demo-only class left
 *       ({@link #servesRealSessions}), then {@code -Xshare:dump} of that list with this JVM's class path.
 *   <li>{@code --aot-cache FILE JVM-OPTION...} (the launcher on JDK 25+): the session in a child JVM with those options
 *       and {@code -XX:AOTCacheOutput=FILE}.
 *   <li>no arguments: the session itself, in this JVM, against {@code HYPERTRACKER_BASE_URL} when it is set, else
 *       against the embedded sandbox ({@code --demo}).
 * </ul>
 */
public final class CdsTraining {
    private static final List<String> REQUESTS = List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"cds-training\",\"version\":\"1\"}}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"resources/templates/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"prompts/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"get_open_exposure_by_coin\","
                    + "\"arguments\":{\"top\":5}}}");
    private static final int RESPONSES = 6;
    private static final long TIMEOUT_SECONDS = 120;
    /** Accepted by the training's own loopback sandbox; no real credential. */
    private static final String SANDBOX_TOKEN = "cds-training";
    /** Read by transport.ProtocolStdout. */
    private static final String KEEP_SYSTEM_OUT = "hypertracker.stdio.keepSystemOut";

    private CdsTraining() {}

    public static void main(String[] args) throws InterruptedException, IOException {
        if (args.length == 2 && args[0].equals("--archive")) {
            System.exit(writeArchive(Path.of(args[1])));
        }
        if (args.length >= 2 && args[0].equals("--aot-cache")) {
            List<String> jvm = new ArrayList<>(List.of(args).subList(2, args.length));
            jvm.add("-XX:AOTCacheOutput=" + args[1]);
            System.exit(recordAgainstSandbox(jvm));
        }
        System.exit(session());
    }

    /** The scripted session in this JVM; 0 when every request got a result and the tool call succeeded. */
    private static int session() throws InterruptedException {
        CountDownLatch answered = new CountDownLatch(RESPONSES);
        // end of input only once every response is out: the server would otherwise close mid-session
        InputStream endAfterAnswers = new InputStream() {
            @Override
            public int read() {
                try {
                    answered.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }
        };
        String session = String.join("\n", REQUESTS) + "\n";
        System.setIn(new SequenceInputStream(
                new ByteArrayInputStream(session.getBytes(StandardCharsets.UTF_8)), endAfterAnswers));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        System.setProperty(KEEP_SYSTEM_OUT, "true"); // the protocol must reach the stream below, not file descriptor 1
        System.setOut(new PrintStream(
                new OutputStream() {
                    @Override
                    public synchronized void write(int b) {
                        output.write(b);
                        if (b == '\n') answered.countDown();
                    }
                },
                true,
                StandardCharsets.UTF_8));
        String[] serve = System.getenv(Settings.ENV_BASE_URL) != null ? new String[0] : new String[] {"--demo"};
        // not Main.main: its System.exit would end this JVM before the answers are checked
        Thread server = new Thread(() -> ServeArguments.execute(serve), "cds-training-server");
        server.setDaemon(true);
        server.start();
        boolean complete = answered.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        server.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        String failure = check(complete, output.toString(StandardCharsets.UTF_8));
        if (failure != null) {
            System.err.println("CdsTraining: " + failure);
            return 1;
        }
        return 0;
    }

    /**
     * Starts the sandbox in a JVM of its own, runs the session in a child JVM with these options against it, stops
     * the sandbox; the session's exit code.
     */
    static int recordAgainstSandbox(List<String> jvmOptions) throws IOException, InterruptedException {
        Process sandbox = new ProcessBuilder(
                        java(),
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-Xlog:disable",
                        "-Xlog:all=error:stderr",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "sandbox",
                        "--port",
                        "0",
                        "--token",
                        SANDBOX_TOKEN)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String baseUrl = sandboxUrl(sandbox);
            if (baseUrl == null) {
                System.err.println("CdsTraining: the sandbox did not start (exit " + sandbox.waitFor() + ")");
                return 1;
            }
            List<String> command = new ArrayList<>();
            command.add(java());
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), CdsTraining.class.getName()));
            ProcessBuilder session = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            session.environment().put(Settings.ENV_BASE_URL, baseUrl);
            session.environment().put(Settings.ENV_TOKEN, SANDBOX_TOKEN);
            session.environment().putIfAbsent("HYPERTRACKER_LOG_LEVEL", "ERROR");
            return session.start().waitFor();
        } finally {
            sandbox.destroy();
            sandbox.waitFor();
        }
    }

    /** The base URL the sandbox prints on its first stdout line; null when it ends without one. */
    private static String sandboxUrl(Process sandbox) throws IOException {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("http://")) return line.strip();
        }
        return null;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs the training session, filters its class list and dumps the archive; the exit code of the first failure. */
    static int writeArchive(Path archive) throws IOException, InterruptedException {
        String java = java();
        String classPath = System.getProperty("java.class.path");
        Path recorded = Path.of(archive + ".classlist");
        Path kept = Path.of(archive + ".kept.classlist");
        try {
            int training = recordAgainstSandbox(List.of(
                    "-XX:DumpLoadedClassList=" + recorded,
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-Xlog:disable",
                    "-Xlog:all=error:stderr"));
            if (training != 0) return training;
            List<String> classes = Files.readAllLines(recorded, StandardCharsets.UTF_8).stream()
                    .filter(CdsTraining::servesRealSessions)
                    .toList();
            Files.write(kept, classes, StandardCharsets.UTF_8);
            // SerialGC, as the launcher runs: no archived heap objects, which only G1 could map on JDK 17
            return run(List.of(
                    java,
                    "-Xshare:dump",
                    "-XX:+UseSerialGC",
                    "-Xlog:disable",
                    "-Xlog:all=error:stderr",
                    "-XX:SharedClassListFile=" + kept,
                    "-XX:SharedArchiveFile=" + archive,
                    "-cp",
                    classPath));
        } finally {
            Files.deleteIfExists(recorded);
            Files.deleteIfExists(kept);
        }
    }

    /**
     * Packages that only the demo's embedded sandbox loads (its HTTP server, JMX beans, JUL and JFR hooks, container
     * metrics): measured against the class list of a launcher session with a tool call against a separate upstream.
     * The session now runs against a separate sandbox, so this only guards the archive against a regression.
     */
    private static final Pattern DEMO_ONLY = Pattern.compile("^(@lambda-proxy )?(org/eclipse/jetty/"
            + "|dev/hypertracker/mcp/sandbox/|dev/hypertracker/mcp/CdsTraining|com/sun/jmx/|javax/management/"
            + "|java/lang/management/|sun/management/|com/sun/management/|jdk/management/|jdk/jfr/"
            + "|java/util/logging/|jdk/internal/platform/)");

    /** Whether a line of a recorded class list belongs in the archive of a real (non-demo) session. */
    static boolean servesRealSessions(String classListLine) {
        return !DEMO_ONLY.matcher(classListLine).find();
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        // the child's stdout (the dump's report) must not reach ours: the Docker build and Maven show only errors
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start()
                .waitFor();
    }

    /** Why the scripted session failed, or null when every request got a result and the tool call succeeded. */
    static String check(boolean complete, String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        if (!complete || lines.size() != RESPONSES) {
            return "expected " + RESPONSES + " responses, got " + lines.size() + ": " + output;
        }
        for (String line : lines) {
            if (!line.contains("\"result\"") || line.contains("\"isError\":true")) return "failed response: " + line;
        }
        return null;
    }
}
