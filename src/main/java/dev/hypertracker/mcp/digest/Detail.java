package dev.hypertracker.mcp.digest;

import java.util.Locale;

/** How much of a result the model gets: the digest, a compact table of rows, or the upstream JSON. */
public enum Detail {
    SUMMARY,
    ROWS,
    RAW;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
