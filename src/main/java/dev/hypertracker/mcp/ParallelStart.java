package dev.hypertracker.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import org.slf4j.LoggerFactory;

/**
 * The two largest independent pieces of a start, run on two cores: logging (SLF4J finds logback, which configures
 * itself: ~50 ms on a cold JVM) on a second thread while this one initialises the JSON mapper (Jackson and the MCP
 * SDK's mapper: ~60 ms). Each side touches only its own libraries (neither Jackson nor the SDK's mapper logs), and
 * this thread waits for logging before anything else runs, so no class asks for a logger while logging is still
 * being set up (SLF4J would hand it a substitute). docs/performance.md, fifth round.
 */
final class ParallelStart {
    private ParallelStart() {}

    static void run() {
        Thread logging = new Thread(ParallelStart::initLogging, "start-logging");
        logging.setDaemon(true);
        logging.start();
        try {
            McpJsonDefaults.getMapper();
        } catch (RuntimeException | LinkageError ignored) {
            // the server's own first use of the mapper reports whatever is wrong
        }
        try {
            logging.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void initLogging() {
        try {
            LoggerFactory.getILoggerFactory();
        } catch (RuntimeException | LinkageError ignored) {
            // the first logger asked for on the main thread meets the same failure and reports it
        }
    }
}
