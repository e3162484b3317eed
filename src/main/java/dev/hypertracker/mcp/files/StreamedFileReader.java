package dev.hypertracker.mcp.files;

import java.io.IOException;
import java.io.InputStream;
import tools.jackson.databind.JsonNode;

/**
 * Reads a download file as it arrives, in one pass, into a small JSON summary: the file itself is never held, so the
 * heap it costs is the reader's own bounded state ({@link #heapBytes()}), whatever the file's size.
 */
public interface StreamedFileReader {

    /** Files read this way may be this large on the wire (their bytes are never kept). */
    long MAX_FILE_BYTES = 1L << 30;

    /**
     * The summary of the file; it may stop before the end (a row cap), and says so in the summary.
     *
     * @throws IOException when the stream fails or the file is not in the expected format
     */
    JsonNode read(InputStream file) throws IOException;

    /** The most heap the reader holds while it reads, parser buffers included. */
    long heapBytes();

    /** The Accept header of the file's download. */
    String mediaType();
}
