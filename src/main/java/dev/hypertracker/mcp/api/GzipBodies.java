package dev.hypertracker.mcp.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;

/**
 * Gzip bodies served WITHOUT a Content-Encoding header (the order downloads): recognised by their magic bytes (a JSON
 * text never starts with 0x1f), inflated as they are read, and bounded by what they inflate to, never by what the
 * file or its gzip trailer claim. A zip bomb stops at the cap (or the heap budget) after reading no more than that.
 */
final class GzipBodies {

    /** The two bytes every gzip member starts with (RFC 1952). */
    static final int MAGIC_1 = 0x1f, MAGIC_2 = 0x8b;

    private GzipBodies() {}

    /** Called with the inflated byte count as it grows; throws to stop (over the cap, no heap for it). */
    @FunctionalInterface
    interface Meter {
        void inflated(long bytes) throws IOException;
    }

    static boolean isGzip(byte[] body) {
        return body.length >= 2 && (body[0] & 0xff) == MAGIC_1 && (body[1] & 0xff) == MAGIC_2;
    }

    /**
     * The body to parse: {@code raw} itself, or, when it starts with the gzip magic, its inflated bytes, counted
     * against {@code cap} and reported to {@code meter}.
     */
    static InputStream decoded(InputStream raw, long cap, Meter meter) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        int first = in.read();
        if (first < 0) return in;
        int second = in.read();
        if (second >= 0) in.unread(second);
        in.unread(first);
        if (first != MAGIC_1 || second != MAGIC_2) return in;
        return new Bounded(new GZIPInputStream(in, 8192), cap, meter);
    }

    /** Counts inflated bytes; past the cap it fails with {@link Transport.BodyTooLargeException}. */
    private static final class Bounded extends FilterInputStream {
        private final long cap;
        private final Meter meter;
        private long count;

        Bounded(InputStream inflating, long cap, Meter meter) {
            super(inflating);
            this.cap = cap;
            this.meter = meter;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            // never inflate more than one byte past the cap: the check comes before the bytes are handed on
            int n = super.read(b, off, (int) Math.min(len, cap - count + 1));
            if (n > 0) {
                count += n;
                if (count > cap) throw new Transport.BodyTooLargeException(cap);
                meter.inflated(count);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] sink = new byte[(int) Math.min(n, 8192)];
            int read = read(sink, 0, sink.length);
            return Math.max(read, 0);
        }
    }
}
