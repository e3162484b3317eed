package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;

import dev.hypertracker.mcp.digest.Report.Cut;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * list_builder_fills: the flow through one builder on the day asked. This server's figures: volume = sum of px x sz
 * over the fills read; builder fees and fees are sums of the API's builderFee and fee; buy/sell by the API's side (B
 * buys, A sells); traders = distinct addresses. Per coin and per trader tallies are ranked by volume.
 */
final class BuilderFillsDigest implements KindDigest {

    static final String VOLUME_FORMULA = "volume = sum of px x sz";

    private static final class Tally {
        final ExactSum volume = new ExactSum(), builderFees = new ExactSum();
        long fills;
    }

    private record Ranked(String name, String key, long fills, double volume, double builderFees)
            implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return Json.obj(
                    key,
                    name,
                    "fills",
                    fills,
                    "volume",
                    Format.unrounded(volume),
                    "builderFees",
                    Format.unrounded(builderFees));
        }

        @Override
        public String line() {
            return name + ": " + money(volume) + " in " + Format.count(fills) + " fills, builder fees "
                    + money(builderFees);
        }
    }

    private final int top;
    private final Map<String, Object> echo;
    private final Map<String, Tally> byCoin = new HashMap<>(), byTrader = new HashMap<>();
    private final ExactSum builderFees = new ExactSum(), fees = new ExactSum();
    private final ExactSum volume = new ExactSum(), buyVolume = new ExactSum(), sellVolume = new ExactSum();
    private long fills, perp, spot;
    private long first = Long.MAX_VALUE, last = Long.MIN_VALUE;

    BuilderFillsDigest(DigestOptions options) {
        this.top = options.top();
        this.echo = options.echo();
    }

    @Override
    public void accept(JsonNode row) {
        fills++;
        double notional = Json.num(row, "px") * Json.num(row, "sz");
        double builderFee = Json.num(row, "builderFee");
        volume.add(notional);
        builderFees.add(builderFee);
        fees.add(Json.num(row, "fee"));
        String side = Json.str(row, "side");
        if ("B".equals(side)) buyVolume.add(notional);
        else if ("A".equals(side)) sellVolume.add(notional);
        String type = Json.str(row, "fillType");
        if ("perp".equals(type)) perp++;
        else if ("spot".equals(type)) spot++;
        long at = Json.epochMillis(row.get("time"));
        if (at != Long.MIN_VALUE) {
            first = Math.min(first, at);
            last = Math.max(last, at);
        }
        tally(byCoin, Json.str(row, "coin"), notional, builderFee);
        tally(byTrader, Json.str(row, "address"), notional, builderFee);
    }

    private static void tally(Map<String, Tally> tallies, String key, double notional, double builderFee) {
        Tally t = tallies.computeIfAbsent(key == null ? "(none)" : key, k -> new Tally());
        t.fills++;
        t.volume.add(notional);
        t.builderFees.add(builderFee);
    }

    private List<Ranked> ranked(Map<String, Tally> tallies, String key) {
        TopN<Ranked> best = new TopN<>(top);
        tallies.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Tally t = e.getValue();
            best.add(t.volume.value(), new Ranked(e.getKey(), key, t.fills, t.volume.value(), t.builderFees.value()));
        });
        return best.ranked();
    }

    @Override
    public Report finish() {
        Map<String, Object> fields = Json.obj(
                "start",
                echo.get("start"),
                "end",
                echo.get("end"),
                "fills",
                fills,
                "firstFill",
                fills == 0 || first == Long.MAX_VALUE ? null : Format.iso(first),
                "lastFill",
                fills == 0 || last == Long.MIN_VALUE ? null : Format.iso(last),
                "volume",
                volume.value(),
                "buyVolume",
                buyVolume.value(),
                "sellVolume",
                sellVolume.value(),
                "builderFees",
                builderFees.value(),
                "fees",
                fees.value(),
                "traders",
                (long) byTrader.size(),
                "coins",
                (long) byCoin.size(),
                "perpFills",
                perp,
                "spotFills",
                spot,
                "volumeFormula",
                VOLUME_FORMULA);
        String text = fills == 0
                ? "No fills in the window asked (" + echo.get("start") + " .. "
                        + (echo.get("end") == null ? "end of that UTC day" : echo.get("end")) + ")."
                : Format.count(fills) + " fills from " + Format.isoMinutes(first) + " to " + Format.isoMinutes(last)
                        + " by " + Format.count(byTrader.size()) + " traders on " + Format.count(byCoin.size())
                        + " coins: volume " + money(volume.value()) + " (" + VOLUME_FORMULA + "; buys "
                        + money(buyVolume.value()) + ", sells " + money(sellVolume.value()) + "), builder fees "
                        + money(builderFees.value()) + ", fees " + money(fees.value()) + "; " + Format.count(perp)
                        + " perp, " + Format.count(spot) + " spot.";
        List<Section> sections = List.of(
                new Section.Fields(fields, text),
                Section.Listing.of("byCoin", "Coins by volume", ranked(byCoin, "coin"), "coins"),
                Section.Listing.of("topTraders", "Traders by volume", ranked(byTrader, "address"), "traders"));
        return new Report(
                sections,
                List.of(
                        Cut.shorten("topTraders", 3),
                        Cut.shorten("byCoin", 3),
                        Cut.drop("topTraders"),
                        Cut.drop("byCoin")),
                "lower top, or filter by coin or address");
    }
}
