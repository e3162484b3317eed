package dev.hypertracker.mcp.transport;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes stdout away from everything but the MCP protocol, including the JVM itself: HotSpot writes some fatal
 * lines ("Terminating due to java.lang.OutOfMemoryError…", the crash banner) straight to file descriptor 1,
 * past {@code System.out}. The protocol gets its own handle on the same pipe ({@code /proc/self/fd/1} on Linux,
 * {@code /dev/fd/1} on macOS), then descriptor 1 is closed, which the JDK does by pointing it at /dev/null: what
 * the JVM writes there afterwards is lost instead of corrupting the JSON-RPC stream. The launcher also passes
 * {@code -XX:+DisplayVMOutputToStderr}, so with it those lines reach stderr.
 *
 * <p>A socket cannot be reopened by path (Node's child_process gives its children socket pairs on Linux): then
 * descriptor 1 stays the channel and only the launcher's flag keeps the JVM's lines off it.
 */
final class ProtocolStdout {
    private static final Logger log = LoggerFactory.getLogger(ProtocolStdout.class);
    private static final String[] SAME_STDOUT = {"/proc/self/fd/1", "/dev/fd/1"};
    /** Set by a program that runs the server on a System.out of its own (the CDS training run). */
    static final String KEEP_SYSTEM_OUT = "hypertracker.stdio.keepSystemOut";

    private ProtocolStdout() {}

    /** The stream for JSON-RPC lines; afterwards {@code System.out} is stderr and descriptor 1 is /dev/null. */
    static OutputStream claim() {
        PrintStream stdout = System.out;
        stdout.flush();
        System.setOut(System.err);
        if (Boolean.getBoolean(KEEP_SYSTEM_OUT)) return stdout;
        FileOutputStream own = reopenStdout();
        if (own == null) {
            log.info("stdout cannot be reopened (a socket?): the JVM's own fatal messages stay off it only with "
                    + "-XX:+DisplayVMOutputToStderr, which bin/hypertracker-mcp sets");
            return stdout;
        }
        try {
            new FileOutputStream(FileDescriptor.out).close(); // the JDK redirects 0-2 to /dev/null instead of closing
        } catch (IOException e) {
            log.warn("could not detach file descriptor 1: {}", e.toString());
        }
        return new BufferedOutputStream(own, 64 * 1024); // the SDK flushes after each message
    }

    private static FileOutputStream reopenStdout() {
        for (String path : SAME_STDOUT) {
            try {
                return new FileOutputStream(path, true); // append: never truncate a file stdout was redirected to
            } catch (IOException | SecurityException e) {
                log.debug("cannot reopen stdout as {}: {}", path, e.toString());
            }
        }
        return null;
    }
}
