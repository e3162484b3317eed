package dev.hypertracker.mcp.catalog;

import java.util.Locale;

/** Groups of tools a user can enable with {@code --tools}, to keep the tool list (and its context cost) small. */
public enum Toolset {
    POSITIONS,
    METRICS,
    EXPORTS,
    RISK,
    META;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
