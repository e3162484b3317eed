package dev.hypertracker.mcp.views;

import dev.hypertracker.mcp.catalog.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The MCP Apps views: one self-contained HTML page each (inline script and style, no network), served as a
 * {@code ui://} resource and linked from the tools whose results it draws. The page reads the chart data this
 * server puts in the tool result's {@code _meta} (see {@link Views#CHART_META_KEY}).
 */
public enum View {
    SERIES(
            "ui://hypertracker/series",
            "series-chart.html",
            "Time series chart",
            "Line chart of a metric series over the covered window, min and max marked, with a metric picker."),
    COHORT_HEATMAP(
            "ui://hypertracker/heatmap",
            "cohort-heatmap.html",
            "Cohort heatmap",
            "Coins x cohorts coloured by lean (long share of value), size and PnL cohorts apart, values on hover."),
    LIQUIDATION_MAP(
            "ui://hypertracker/liquidations",
            "liquidation-map.html",
            "Liquidation heatmap",
            "Liquidation value by price bin with the most impacted cohort per bin.");

    private final String uri;
    private final String file;
    private final String title;
    private final String description;
    private volatile String html;

    View(String uri, String file, String title, String description) {
        this.uri = uri;
        this.file = file;
        this.title = title;
        this.description = description;
    }

    public String uri() {
        return uri;
    }

    public String file() {
        return file;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** The view of an endpoint's results, if its kind has one. */
    public static Optional<View> of(Endpoint endpoint) {
        return switch (endpoint.digest()) {
            case SERIES -> Optional.of(SERIES);
            case HEATMAP -> Optional.of(COHORT_HEATMAP);
            case LIQUIDATION_HEATMAP -> Optional.of(LIQUIDATION_MAP);
            default -> Optional.empty();
        };
    }

    /**
     * The page, read from the jar once, with the shared parts inlined: the host protocol ({@code app-bridge.js})
     * and the theme ({@code view.css}) are written once in the sources and sent inside every view.
     */
    public String html() {
        String h = html;
        if (h == null) {
            h = read(file);
            for (String part : SHARED) h = h.replace("/*@" + part + "*/", read(part));
            html = h;
        }
        return h;
    }

    private static final String[] SHARED = {"app-bridge.js", "view.css"};

    private static String read(String name) {
        try (InputStream in = View.class.getResourceAsStream("/views/" + name)) {
            if (in == null) throw new IllegalStateException("view part missing from the jar: " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
