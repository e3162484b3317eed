package dev.hypertracker.mcp.files;

import dev.hypertracker.mcp.catalog.DigestKind;
import dev.hypertracker.mcp.catalog.Endpoint;
import java.util.Optional;

/** Which download files are read streamed, into a summary, instead of parsed whole as JSON. */
public final class StreamedFiles {

    private StreamedFiles() {}

    public static Optional<StreamedFileReader> readerFor(Endpoint endpoint) {
        return endpoint.digest() == DigestKind.OPEN_POSITIONS_FILE
                ? Optional.of(new OpenPositionsCsv())
                : Optional.empty();
    }
}
