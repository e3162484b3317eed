package dev.hypertracker.mcp;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Build-time training run for the AppCDS archive ({@code target/hypertracker-mcp.jsa}): runs the stdio server
 * exactly as {@code java -jar} does, on a scripted session (initialize, tools/list, resources and prompts lists,
 * then end of input), so the archive holds the classes of a real start. The pom runs it after the shade with
 * {@code -XX:ArchiveClassesAtExit}; the jar's class path is the same, so the launcher can map the archive.
 * The protocol output is discarded. Not part of the server's behaviour: nothing else calls it.
 */
public final class CdsTraining {
    private static final String SESSION = String.join("\n",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"cds-training\",\"version\":\"1\"}}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"resources/templates/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"prompts/list\"}",
            "");
    private static final int RESPONSES = 5;
    /** Read by transport.ProtocolStdout. */
    private static final String KEEP_SYSTEM_OUT = "hypertracker.stdio.keepSystemOut";

    private CdsTraining() {
    }

    public static void main(String[] args) {
        CountDownLatch answered = new CountDownLatch(RESPONSES);
        // end of input only once every response is out: the server would otherwise close mid-session
        InputStream endAfterAnswers = new InputStream() {
            @Override
            public int read() {
                try {
                    answered.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }
        };
        System.setIn(new SequenceInputStream(new ByteArrayInputStream(SESSION.getBytes(StandardCharsets.UTF_8)), endAfterAnswers));
        System.setProperty(KEEP_SYSTEM_OUT, "true"); // the protocol must reach the stream below, not file descriptor 1
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                if (b == '\n') answered.countDown();
            }
        }, true, StandardCharsets.UTF_8));
        Main.main(new String[0]);
        System.exit(0);
    }
}
