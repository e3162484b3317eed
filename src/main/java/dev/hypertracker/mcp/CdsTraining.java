package dev.hypertracker.mcp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Build-time training run for the AppCDS archive ({@code target/hypertracker-mcp.jsa}) and, on JDK 25+, the AOT
 * cache ({@code .aot}, written by the launcher): runs the stdio server exactly as {@code java -jar … --demo} does,
 * on a scripted session (initialize, tools/list, resource and prompt lists, one tool call against the embedded
 * sandbox, then end of input), so the archive holds the classes of a real start and of a first digest. The pom runs
 * it on the final shaded jar with {@code -XX:ArchiveClassesAtExit}; the jar's class path is the same, so the
 * launcher can map the archive. The protocol output is checked, then discarded: a session that did not answer every
 * request, or answered one with an error, exits 1 and fails the build. Nothing in the server calls this class.
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

    public static void main(String[] args) throws InterruptedException {
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
