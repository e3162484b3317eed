package dev.hypertracker.mcp.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.slf4j.LoggerFactory;

class StatsReporterTest {
    final Logger logger = (Logger) LoggerFactory.getLogger(StatsReporter.class);
    final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void logsOneLineOnlyWhenCountersChangedAndAlwaysAtExit() {
        UpstreamStats stats = new UpstreamStats();
        StatsReporter reporter = StatsReporter.manual(stats);
        assertThat(reporter.reportIfChanged()).as("nothing happened yet").isFalse();

        stats.upstreamRequest();
        stats.cacheHit();
        stats.cacheHit();
        stats.rateLimited();
        assertThat(reporter.reportIfChanged()).isTrue();
        assertThat(reporter.reportIfChanged())
                .as("unchanged since the last line")
                .isFalse();
        assertThat(lines())
                .singleElement()
                .asString()
                .startsWith("upstream counters: ")
                .contains("upstreamRequests=1")
                .contains("cacheHits=2")
                .contains("rateLimited429=1")
                .doesNotContain("\n");

        reporter.close();
        reporter.close();
        assertThat(lines()).hasSize(2);
        assertThat(lines().get(1)).startsWith("upstream counters at exit: ").contains("cacheHits=2");
        assertThat(appender.list.get(1).getLevel().toString()).isEqualTo("INFO");
        assertThat(reporter.reportIfChanged()).isFalse();
    }

    @Test
    @SuppressWarnings("try") // the reporter is used through the timer it scheduled
    void theTimerReportsPeriodically() {
        UpstreamStats stats = new UpstreamStats();
        ScheduledExecutorService timer = mock(ScheduledExecutorService.class);
        try (StatsReporter reporter = StatsReporter.start(stats, Duration.ofMinutes(5), timer)) {
            ArgumentCaptor<Runnable> tick = ArgumentCaptor.forClass(Runnable.class);
            verify(timer).scheduleAtFixedRate(tick.capture(), eq(300_000L), eq(300_000L), eq(TimeUnit.MILLISECONDS));
            stats.upstreamRequest();
            tick.getValue().run(); // the timer fires: no real wait
            assertThat(lines()).singleElement().asString().contains("upstreamRequests=1");
            tick.getValue().run();
            assertThat(lines()).as("nothing changed since").hasSize(1);
        }
        verify(timer).shutdownNow();
    }
}
