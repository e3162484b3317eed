package dev.hypertracker.mcp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Build-time training run for the AppCDS archive ({@code target/hypertracker-mcp.jsa}) and, on JDK 25+, the AOT
 * cache ({@code .aot}, written by the launcher): runs the stdio server exactly as {@code java -jar … --demo} does,
 * on a scripted session (initialize, tools/list, resource and prompt lists, one tool call against the embedded
 * sandbox, then end of input), so the archive holds the classes of a real start and of a first digest. The protocol
 * output is checked, then discarded: a session that did not answer every request, or answered one with an error,
 * exits 1 and fails the build. Nothing in the server calls this class.
 *
 * <p>{@code --archive FILE} (the pom, the bundle and the Docker image) writes a static archive in three steps: the
 * session above in a child JVM that records its classes ({@code -XX:DumpLoadedClassList}), the list without the
 * classes only the demo's embedded sandbox loads ({@link #servesRealSessions}), then {@code -Xshare:dump} of that
 * list with this JVM's class path. Every page of a mapped archive is resident (the JDK relocates it to a random
 * address and so writes to it), so the ~630 classes of the sandbox, its Jetty server and JMX would cost ~7 MB of
 * idle memory in every session that never runs them (docs/performance.md).
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
    /** Read by transport.ProtocolStdout. */
    private static final String KEEP_SYSTEM_OUT = "hypertracker.stdio.keepSystemOut";

    private CdsTraining() {}

    public static void main(String[] args) throws InterruptedException, IOException {
        if (args.length == 2 && args[0].equals("--archive")) {
            System.exit(writeArchive(Path.of(args[1])));
        }
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
        Thread server = new Thread(() -> Main.main(new String[] {"--demo"}), "cds-training-server");
        server.setDaemon(true);
        server.start();
        boolean complete = answered.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        server.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        String failure = check(complete, output.toString(StandardCharsets.UTF_8));
        if (failure != null) {
            System.err.println("CdsTraining: " + failure);
            System.exit(1);
        }
        System.exit(0);
    }

    /** Runs the training session, filters its class list and dumps the archive; the exit code of the first failure. */
    static int writeArchive(Path archive) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        Path recorded = Path.of(archive + ".classlist");
        Path kept = Path.of(archive + ".kept.classlist");
        try {
            int training = run(List.of(
                    java,
                    "-XX:DumpLoadedClassList=" + recorded,
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-Xlog:disable",
                    "-Xlog:all=error:stderr",
                    "-cp",
                    classPath,
                    CdsTraining.class.getName()));
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
