package dev.hypertracker.mcp;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import dev.hypertracker.mcp.logging.EscapedMessageConverter;
import dev.hypertracker.mcp.logging.EscapedThrowableConverter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Logback configuration in code: the same as {@code logback.xml} (every line to stderr, our package at
 * {@code HYPERTRACKER_LOG_LEVEL}, libraries at WARN), without parsing XML at start-up. Joran's XML parser and model
 * processing cost a few hundred classes and ~100 ms on a cold JVM: a visible share of a stdio server's start.
 *
 * <p>An explicit {@code -Dlogback.configurationFile=…} or a {@code logback-test.xml} on the class path wins: this
 * configurator then steps aside and logback reads the XML as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class StderrLogConfigurator extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n%ex";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || StderrLogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // as <statusListener class="NopStatusListener"/>: logback must never print its status to stdout
        NopStatusListener nop = new NopStatusListener();
        context.getStatusManager().add(nop);

        // %msg and %ex escape control characters: client text never forges a log line or drives a terminal
        @SuppressWarnings("rawtypes") // the registry's type, as logback declares it
        Map<String, Supplier<DynamicConverter>> escaped = new HashMap<>();
        escaped.put("msg", EscapedMessageConverter::new);
        escaped.put("ex", EscapedThrowableConverter::new);
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, escaped);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        String level = System.getenv("HYPERTRACKER_LOG_LEVEL");
        context.getLogger("dev.hypertracker.mcp")
                .setLevel(Level.toLevel(level == null ? null : level.trim().toUpperCase(Locale.ROOT), Level.INFO));
        context.getLogger("io.modelcontextprotocol").setLevel(Level.WARN);
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("reactor").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
