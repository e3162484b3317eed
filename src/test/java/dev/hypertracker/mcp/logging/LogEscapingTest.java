package dev.hypertracker.mcp.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.hypertracker.mcp.StderrLogConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

/** Item 16: client-controlled text reaches the log escaped, through the configuration the jar really uses. */
class LogEscapingTest {
    static final String FORGED =
            "tools/call\n12:00:00.000 INFO  EndpointTool - forged line\r\u001b[2J\u001b[31mred\u009b0m\u2028end";

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void messagesAndExceptionMessagesKeepOneEventPerLineWithoutTerminalEscapes(boolean fromLogbackXml) {
        String log = captureStderr(fromLogbackXml, logger -> {
            logger.warn("unknown method {}", FORGED);
            logger.error(
                    "call failed",
                    new IllegalStateException("bad argument " + FORGED, new RuntimeException("cause " + FORGED)));
        });
        assertThat(log)
                .doesNotContain("\u001b")
                .doesNotContain("\r")
                .doesNotContain("\u009b")
                .doesNotContain("\u2028");
        assertThat(log)
                .contains("unknown method tools/call\\n12:00:00.000 INFO  EndpointTool - forged line\\r\\u001b[2J");
        // every line is an event's first line or a stack trace line: none starts with the forged timestamp
        assertThat(log.lines()).noneMatch(line -> line.startsWith("12:00:00.000"));
        assertThat(log.lines().filter(line -> line.contains("forged line"))).hasSize(3); // message, exception, cause
        assertThat(log)
                .contains("java.lang.IllegalStateException: bad argument tools/call\\n12:00")
                .contains("Caused by: java.lang.RuntimeException: cause tools/call\\n");
        assertThat(log).contains("\tat "); // stack traces keep their own lines
    }

    @Test
    void plainTextIsUnchanged() {
        assertThat(LogText.escape("list_positions {coin=BTC}\ttab ünïcode €"))
                .isEqualTo("list_positions {coin=BTC}\ttab ünïcode €");
        assertThat(LogText.escape("a\nb\u007f")).isEqualTo("a\\nb\\u007f");
    }

    /** Logs through the jar's configuration: the code configurator, or logback.xml (used with -Dlogback.configurationFile). */
    private static String captureStderr(boolean fromLogbackXml, java.util.function.Consumer<Logger> body) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            context.setMDCAdapter(new LogbackMDCAdapter());
            if (fromLogbackXml) {
                JoranConfigurator joran = new JoranConfigurator();
                joran.setContext(context);
                joran.doConfigure(LogEscapingTest.class.getClassLoader().getResource("logback.xml"));
            } else {
                new StderrLogConfigurator().configure(context);
            }
            body.accept(context.getLogger("dev.hypertracker.mcp.tools.EndpointTool"));
        } catch (JoranException e) {
            throw new AssertionError(e);
        } finally {
            context.stop();
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
