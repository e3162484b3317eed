package dev.hypertracker.mcp.sandbox;

import dev.hypertracker.mcp.catalog.Cohort;
import java.time.Duration;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/** The cohort legend and the data freshness status. */
final class MetaEndpoints {

    /** The sandbox's data "refreshes" every 15 minutes after the anchor; stale after 30. */
    private static final Duration UPDATE_INTERVAL = Duration.ofMinutes(15);

    private static final Duration STALE_AFTER = Duration.ofMinutes(30);

    /** The docs legend's emojis where it gives them (1, 7-12); the rest vary by source. */
    private static final Map<Cohort, String> EMOJI = Map.ofEntries(
            Map.entry(Cohort.SHRIMP, "🦐"),
            Map.entry(Cohort.FISH, "🐟"),
            Map.entry(Cohort.DOLPHIN, "🐬"),
            Map.entry(Cohort.APEX_PREDATOR, "🦈"),
            Map.entry(Cohort.SMALL_WHALE, "🐋"),
            Map.entry(Cohort.WHALE, "🐳"),
            Map.entry(Cohort.TIDAL_WHALE, "🌊"),
            Map.entry(Cohort.LEVIATHAN, "🐉"),
            Map.entry(Cohort.MONEY_PRINTER, "💰"),
            Map.entry(Cohort.SMART_MONEY, "📈"),
            Map.entry(Cohort.GRINDER, "📊"),
            Map.entry(Cohort.HUMBLE_EARNER, "🙏"),
            Map.entry(Cohort.EXIT_LIQUIDITY, "🤡"),
            Map.entry(Cohort.SEMI_REKT, "🤕"),
            Map.entry(Cohort.FULL_REKT, "💀"),
            Map.entry(Cohort.GIGA_REKT, "☠️"));
    /** Where the live /segments words a name differently from the docs legend (the catalog's names). */
    static final Map<Cohort, String> LIVE_NAMES = Map.of(Cohort.GRINDER, "Consistent Grinder");

    private final MarketData data;

    MetaEndpoints(MarketData data) {
        this.data = data;
    }

    /** [{id,name,category,emoji,criteria:{minSize,maxSize,minPnl,maxPnl}}] in id order; open bounds are null. */
    Reply segments() {
        return Reply.json(JsonOut.write(g -> {
            g.writeStartArray();
            for (Cohort c : Cohort.inIdOrder()) segment(g, c, true);
            g.writeEndArray();
        }));
    }

    /** One cohort as /segments shows it; the bias-history and summary bodies name theirs the same way, without emoji. */
    static void segment(JsonGenerator g, Cohort c, boolean withEmoji) {
        boolean size = c.axis() == Cohort.Axis.SIZE;
        g.writeStartObject();
        g.writeNumberProperty("id", c.id());
        g.writeStringProperty("name", LIVE_NAMES.getOrDefault(c, c.displayName()));
        g.writeStringProperty("category", size ? "size" : "pnl");
        if (withEmoji) g.writeStringProperty("emoji", EMOJI.get(c));
        g.writeName("criteria");
        g.writeStartObject();
        bound(g, "minSize", size, c.min());
        bound(g, "maxSize", size, c.max());
        bound(g, "minPnl", !size, c.min());
        bound(g, "maxPnl", !size, c.max());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void bound(JsonGenerator g, String name, boolean applies, double value) {
        if (applies && Double.isFinite(value)) g.writeNumberProperty(name, (long) value);
        else g.writeNullProperty(name);
    }

    /** {lastUpdate, nextUpdate, nextUpdateThreshold}: the anchor is the last update. */
    Reply status() {
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("lastUpdate", JsonOut.time(data.anchor()));
            g.writeStringProperty("nextUpdate", JsonOut.time(data.anchor().plus(UPDATE_INTERVAL)));
            g.writeStringProperty(
                    "nextUpdateThreshold", JsonOut.time(data.anchor().plus(STALE_AFTER)));
            g.writeEndObject();
        }));
    }
}
