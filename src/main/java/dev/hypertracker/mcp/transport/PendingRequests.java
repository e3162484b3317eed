package dev.hypertracker.mcp.transport;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Requests read from stdin against responses written to stdout, so that at end of input the server answers what it
 * has already read (e.g. an {@code initialize} followed at once by EOF) before the process exits, without waiting
 * for a call that would take longer than the grace. The stdio filter counts each request it passes on or answers
 * itself; {@link #counting(OutputStream)} counts each response going out (the SDK writes one message per write,
 * responses serialized as {@code {"jsonrpc":"2.0","id":…}}, notifications and server requests with the method
 * first).
 */
final class PendingRequests {
    private static final byte[] RESPONSE_PREFIX = "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.UTF_8);

    private long received;
    private long answered;

    synchronized void received() {
        received++;
    }

    private synchronized void answered(int responses) {
        answered += responses;
        notifyAll();
    }

    /** Waits until every request read has been answered or the grace has passed; true if none is left. */
    synchronized boolean awaitNone(Duration grace) throws InterruptedException {
        long end = System.nanoTime() + grace.toNanos();
        while (answered < received) {
            long left = end - System.nanoTime();
            if (left <= 0) return false;
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** The protocol stream, counting the responses written through it once they are flushed. */
    OutputStream counting(OutputStream out) {
        return new FilterOutputStream(out) {
            private int unflushed;

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
                if (isResponse(bytes, offset, length)) unflushed++;
            }

            @Override
            public void flush() throws IOException {
                out.flush();
                if (unflushed > 0) {
                    answered(unflushed);
                    unflushed = 0;
                }
            }
        };
    }

    private static boolean isResponse(byte[] bytes, int offset, int length) {
        if (length < RESPONSE_PREFIX.length) return false;
        for (int i = 0; i < RESPONSE_PREFIX.length; i++) {
            if (bytes[offset + i] != RESPONSE_PREFIX[i]) return false;
        }
        return true;
    }
}
