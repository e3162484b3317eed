package dev.hypertracker.mcp.digest;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A {"positions":[…]} body of any number of rows in fixed memory: one pre-generated block of rows is replayed. Unlike
 * {@link SampleData#positionsStream}, reading it costs no generation, so a timing measures the digest alone.
 */
public final class ReplayedPositions extends InputStream {

    private static final byte[] HEADER = "{\"positions\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FOOTER = "],\"nextCursor\":null}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] COMMA = {','};

    private final byte[] block;
    private final long blocks;
    private byte[] current = HEADER;
    private int position;
    private long blocksSent;
    private boolean footerSent;

    /** rows = blockRows x blocks. */
    public ReplayedPositions(long seed, int blockRows, long blocks) {
        SampleData data = new SampleData(seed);
        StringBuilder sb = new StringBuilder(blockRows * 700);
        for (int i = 0; i < blockRows; i++) {
            if (i > 0) sb.append(',');
            sb.append(data.positionJson(i));
        }
        this.block = sb.toString().getBytes(StandardCharsets.UTF_8);
        this.blocks = blocks;
    }

    public long bytes() {
        return HEADER.length + FOOTER.length + blocks * block.length + Math.max(0, blocks - 1);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        while (position == current.length) {
            if (!advance()) return -1;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    /** header, block, comma, block, …, block, footer. */
    private boolean advance() {
        position = 0;
        if (current == block && blocksSent < blocks) {
            current = COMMA;
        } else if (blocksSent < blocks) {
            current = block;
            blocksSent++;
        } else if (!footerSent) {
            current = FOOTER;
            footerSent = true;
        } else {
            return false;
        }
        return true;
    }
}
