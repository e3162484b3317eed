package dev.hypertracker.mcp.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The builder routes: builders generated from the seed, their users drawn from the sandbox's wallets, and their fills
 * on the sandbox's coins at its prices. Every figure (rankings, profiles, the revenue file, users' volume and fees) is
 * summed from the same generated fills, so the routes agree with each other. {@link Truth} is the ground truth tests
 * compare with.
 */
public final class BuilderEndpoints {

    private static final long DAY_MS = 86_400_000L;
    private static final Map<String, Duration> TIMEFRAMES =
            Map.of("24h", Duration.ofHours(24), "7d", Duration.ofDays(7), "30d", Duration.ofDays(30));

    private final Truth truth;
    private final SignedFiles files;

    BuilderEndpoints(MarketData data, SignedFiles files) {
        this.truth = new Truth(data);
        this.files = files;
    }

    // ---- ground truth ----

    /** A builder: its address, display name and fee rate in tenths of a basis point of the fill's notional. */
    public record Builder(int index, String address, String name, int feeTenthsOfBps) {}

    /** One fill routed through a builder; money in whole cents. */
    public record Fill(
            String builder,
            String address,
            String coin,
            String fillType,
            BigDecimal px,
            BigDecimal sz,
            String side,
            Instant time,
            String hash,
            long feeCents,
            long builderFeeCents) {
        /** px x sz in whole cents (half-up). */
        public long notionalCents() {
            return px.multiply(sz)
                    .movePointRight(2)
                    .setScale(0, RoundingMode.HALF_UP)
                    .longValueExact();
        }
    }

    /** Builders, their users and fills, all from the seed and the market data. */
    public static final class Truth {
        private static final String[] NAMES = {
            "Atlas", "Basalt", "Cobalt", "Delta Desk", "Ember", "Fathom",
            "Granite", "Harbor", "Ion", "Juniper", "Kestrel", "Lumen"
        };

        private final MarketData data;
        private final List<Builder> builders;
        private final List<List<MarketData.Wallet>> users;

        public Truth(MarketData data) {
            this.data = data;
            List<Builder> list = new ArrayList<>();
            for (int b = 0; b < NAMES.length; b++) {
                SplittableRandom r = new SplittableRandom(mix(data.seed(), 0xB01D, b));
                StringBuilder address = new StringBuilder("0x");
                for (int i = 0; i < 40; i++) address.append(Character.forDigit(r.nextInt(16), 16));
                list.add(new Builder(b, address.toString(), NAMES[b], 10 * (1 + b % 10)));
            }
            this.builders = List.copyOf(list);
            List<List<MarketData.Wallet>> byBuilder = new ArrayList<>();
            for (int b = 0; b < NAMES.length; b++) byBuilder.add(new ArrayList<>());
            List<MarketData.Wallet> wallets = data.wallets();
            for (int i = 0; i < wallets.size(); i++) {
                // about half the wallets trade through a builder, each through one
                int pick = (int) Math.floorMod(mix(data.seed(), 0x05E5, i), 2L * NAMES.length);
                if (pick < NAMES.length) byBuilder.get(pick).add(wallets.get(i));
            }
            this.users = byBuilder.stream().map(List::copyOf).toList();
        }

        public MarketData data() {
            return data;
        }

        public List<Builder> builders() {
            return builders;
        }

        public Optional<Builder> builder(String address) {
            return builders.stream()
                    .filter(b -> b.address().equalsIgnoreCase(address))
                    .findFirst();
        }

        /** The wallets that trade through this builder, in wallet order. */
        public List<MarketData.Wallet> users(Builder b) {
            return users.get(b.index());
        }

        /** The UTC days with data, oldest first. */
        public List<LocalDate> days() {
            List<LocalDate> days = new ArrayList<>();
            LocalDate last = day(data.anchor());
            for (LocalDate d = day(data.dataStart()); !d.isAfter(last); d = d.plusDays(1)) days.add(d);
            return days;
        }

        /** A builder's fills on one UTC day, oldest first; none outside the data window, none after the anchor. */
        public List<Fill> fills(Builder b, LocalDate day) {
            List<MarketData.Wallet> traders = users(b);
            long dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            long from = Math.max(dayStart, data.dataStart().toEpochMilli());
            long to = Math.min(dayStart + DAY_MS, data.anchor().toEpochMilli());
            if (traders.isEmpty() || to <= from) return List.of();
            SplittableRandom r = new SplittableRandom(mix(data.seed(), b.index(), day.toEpochDay()));
            double popularity = 3.0 / (1 + b.index()) + 0.2;
            int count = (int) Math.round((4 + r.nextInt(20)) * popularity);
            List<MarketData.Coin> coins = data.coins();
            List<Fill> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Instant time = Instant.ofEpochMilli(from + r.nextLong(to - from));
                MarketData.Wallet trader = traders.get(r.nextInt(traders.size()));
                boolean spot = r.nextInt(10) == 0;
                String coin;
                BigDecimal px;
                int szDecimals;
                if (spot) {
                    coin = "@" + (100 + r.nextInt(40));
                    px = BigDecimal.valueOf(5000 + r.nextInt(200_000), 4);
                    szDecimals = 2;
                } else {
                    MarketData.Coin c = coins.get(r.nextInt(coins.size()));
                    coin = c.symbol();
                    px = new BigDecimal(JsonOut.plain(data.price(coin, time)));
                    szDecimals = c.szDecimals();
                }
                double notional = Math.pow(10, 1.5 + r.nextDouble() * 3.5);
                BigDecimal sz = BigDecimal.valueOf(notional)
                        .divide(px, szDecimals, RoundingMode.HALF_UP)
                        .max(BigDecimal.ONE.movePointLeft(szDecimals));
                BigDecimal value = px.multiply(sz);
                long fee = value.multiply(BigDecimal.valueOf(35, 3)) // 3.5 bps, in cents
                        .setScale(0, RoundingMode.HALF_UP)
                        .longValueExact();
                long builderFee = value.multiply(BigDecimal.valueOf(b.feeTenthsOfBps(), 3)) // tenths of bps, in cents
                        .setScale(0, RoundingMode.HALF_UP)
                        .longValueExact();
                StringBuilder hash = new StringBuilder("0x");
                for (int h = 0; h < 64; h++) hash.append(Character.forDigit(r.nextInt(16), 16));
                out.add(new Fill(
                        b.address(),
                        trader.address(),
                        coin,
                        spot ? "spot" : "perp",
                        px,
                        sz,
                        r.nextBoolean() ? "B" : "A",
                        time,
                        hash.toString(),
                        fee,
                        builderFee));
            }
            out.sort(Comparator.comparing(Fill::time));
            return out;
        }

        /** A builder's fills with a time in (after, upTo], oldest first. */
        public List<Fill> fills(Builder b, Instant after, Instant upTo) {
            List<Fill> out = new ArrayList<>();
            for (LocalDate d : days()) {
                for (Fill f : fills(b, d))
                    if (f.time().isAfter(after) && !f.time().isAfter(upTo)) out.add(f);
            }
            return out;
        }

        /** Every fill of a builder. */
        public List<Fill> allFills(Builder b) {
            return fills(b, Instant.MIN, Instant.MAX);
        }

        private static LocalDate day(Instant t) {
            return t.atZone(ZoneOffset.UTC).toLocalDate();
        }
    }

    /** A long from the seed and a few numbers: SplitMix64 over them in turn. */
    private static long mix(long seed, long... parts) {
        long h = seed;
        for (long p : parts) {
            h += 0x9E3779B97F4A7C15L + p;
            h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
            h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
            h ^= h >>> 31;
        }
        return h;
    }

    // ---- routes ----

    /** GET /builders/list/timeframe/{timeframe}: 302 to {"timeframe", "builders": [...]} ranked by revenue. */
    Reply list(Map<String, String> path) {
        String timeframe = path.get("timeframe");
        if (!timeframe.equals("all") && !TIMEFRAMES.containsKey(timeframe))
            throw ApiError.badRequest("timeframe", "timeframe must be one of the following values: 24h, 7d, 30d, all");
        return files.redirect("builders/list-" + timeframe + ".json", () -> Reply.json(listFile(timeframe)));
    }

    private byte[] listFile(String timeframe) {
        Instant anchor = truth.data().anchor();
        Duration span = TIMEFRAMES.get(timeframe);
        List<long[]> rows = new ArrayList<>(); // index, revenue, revenuePrev, volume, volumePrev, users, usersPrev
        for (Builder b : truth.builders()) {
            List<Fill> fills = truth.allFills(b);
            Predicate<Fill> now = span == null ? f -> true : f -> f.time().isAfter(anchor.minus(span));
            Predicate<Fill> prev = span == null
                    ? f -> false
                    : f -> f.time().isAfter(anchor.minus(span.multipliedBy(2)))
                            && !f.time().isAfter(anchor.minus(span));
            long[] cur = totals(fills, now), before = totals(fills, prev);
            rows.add(new long[] {b.index(), cur[0], before[0], cur[1], before[1], cur[2], before[2]});
        }
        rows.sort(Comparator.<long[]>comparingLong(r -> -r[1]).thenComparingLong(r -> r[0]));
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("timeframe", timeframe);
            g.writeName("builders");
            g.writeStartArray();
            for (long[] r : rows) {
                Builder b = truth.builders().get((int) r[0]);
                g.writeStartObject();
                g.writeStringProperty("builder", b.address());
                g.writeStringProperty("name", b.name());
                JsonOut.money(g, "revenue", r[1]);
                moneyOrNull(g, "revenuePrev", r[2], span != null);
                JsonOut.money(g, "volume", r[3]);
                moneyOrNull(g, "volumePrev", r[4], span != null);
                g.writeNumberProperty("users", r[5]);
                if (span != null) g.writeNumberProperty("usersPrev", r[6]);
                else g.writeNullProperty("usersPrev");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void moneyOrNull(JsonGenerator g, String name, long cents, boolean present) {
        if (present) JsonOut.money(g, name, cents);
        else g.writeNullProperty(name);
    }

    /** Builder fees, volume (cents) and distinct traders of the fills that match. */
    static long[] totals(List<Fill> fills, Predicate<Fill> which) {
        long fees = 0, volume = 0;
        Set<String> traders = new HashSet<>();
        for (Fill f : fills) {
            if (!which.test(f)) continue;
            fees += f.builderFeeCents();
            volume += f.notionalCents();
            traders.add(f.address());
        }
        return new long[] {fees, volume, traders.size()};
    }

    /** GET /builders/{builder}/profile; 404 for an address that is no builder. */
    Reply profile(Map<String, String> path) {
        Builder b = builderOf(path);
        Instant anchor = truth.data().anchor();
        List<Fill> fills = truth.allFills(b);
        long[] all = totals(fills, f -> true);
        long[] day = totals(fills, f -> f.time().isAfter(anchor.minus(Duration.ofHours(24))));
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("address", b.address());
            g.writeStringProperty("name", b.name());
            g.writeStringProperty(
                    "builderFee", JsonOut.plain(b.feeTenthsOfBps() / 100_000.0)); // a fraction of notional
            JsonOut.timeProperty(
                    g, "firstFillTime", fills.isEmpty() ? null : fills.get(0).time());
            JsonOut.money(g, "totalRevenue", all[0]);
            JsonOut.money(g, "totalVolume", all[1]);
            g.writeNumberProperty("totalUsers", all[2]);
            JsonOut.money(g, "revenue24h", day[0]);
            JsonOut.money(g, "volume24h", day[1]);
            g.writeNumberProperty("users24h", day[2]);
            g.writeEndObject();
        }));
    }

    /** GET /builders/all-time-revenue: 302 to {"columns":[timestamp, revenue, countUsers], "data": per UTC day}. */
    Reply allTimeRevenue() {
        return files.redirect("builders/all-time-revenue.json", () -> Reply.json(revenueFile()));
    }

    private byte[] revenueFile() {
        List<LocalDate> days = truth.days();
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeName("columns");
            g.writeStartArray();
            g.writeString("timestamp");
            g.writeString("revenue");
            g.writeString("countUsers");
            g.writeEndArray();
            g.writeName("data");
            g.writeStartArray();
            for (LocalDate d : days) {
                long fees = 0;
                Set<String> traders = new HashSet<>();
                for (Builder b : truth.builders()) {
                    for (Fill f : truth.fills(b, d)) {
                        fees += f.builderFeeCents();
                        traders.add(f.address());
                    }
                }
                g.writeStartArray();
                g.writeString(JsonOut.time(d.atStartOfDay(ZoneOffset.UTC).toInstant()));
                g.writeNumber(BigDecimal.valueOf(fees, 2));
                g.writeNumber(traders.size());
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /**
     * GET /builders/{builder}/fills: start required, end on start's UTC day (default its end), coin and address
     * repeated, fillType perp|spot, side B|A, limit up to 1000 (default 500), oldest first, nextCursor.
     */
    Reply fills(Map<String, String> path, QueryParams q) {
        Builder b = builderOf(path);
        Instant start = q.requiredTime("start");
        LocalDate day = start.atZone(ZoneOffset.UTC).toLocalDate();
        Instant end = q.time("end")
                .orElse(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1));
        if (!end.atZone(ZoneOffset.UTC).toLocalDate().equals(day))
            throw ApiError.badRequest("end", "end must be within the same UTC day as start");
        List<String> coins = q.all("coin");
        List<String> addresses = q.addresses("address");
        String fillType = oneOf(q, "fillType", null, "perp", "spot");
        String side = oneOf(q, "side", null, "B", "A");
        int limit = q.integer("limit", 500, 1, 1000);
        List<Fill> matching = truth.fills(b, day).stream()
                .filter(f -> !f.time().isBefore(start) && !f.time().isAfter(end))
                .filter(f -> coins.isEmpty() || coins.contains(f.coin()))
                .filter(f -> addresses.isEmpty() || addresses.contains(f.address()))
                .filter(f -> fillType == null || fillType.equals(f.fillType()))
                .filter(f -> side == null || side.equals(f.side()))
                .toList();
        int from = q.first("nextCursor").map(c -> afterHash(c, matching)).orElse(0);
        int to = Math.min(matching.size(), from + limit);
        List<Fill> page = matching.subList(from, to);
        String next = to < matching.size() ? cursorAfter(page.get(page.size() - 1)) : null;
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeName("fills");
            g.writeStartArray();
            for (Fill f : page) {
                g.writeStartObject();
                g.writeStringProperty("address", f.address());
                g.writeStringProperty("coin", f.coin());
                g.writeStringProperty("fillType", f.fillType());
                g.writeName("px");
                g.writeNumber(f.px());
                g.writeName("sz");
                g.writeNumber(f.sz());
                g.writeStringProperty("side", f.side());
                JsonOut.timeProperty(g, "time", f.time());
                g.writeStringProperty("hash", f.hash());
                JsonOut.money(g, "fee", f.feeCents());
                JsonOut.money(g, "builderFee", f.builderFeeCents());
                g.writeStringProperty("builder", f.builder());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (next == null) g.writeNullProperty("nextCursor");
            else g.writeStringProperty("nextCursor", next);
            g.writeEndObject();
        }));
    }

    private static String cursorAfter(Fill last) {
        byte[] json = JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("after", last.hash());
            g.writeEndObject();
        });
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }

    /** The index after the fill a cursor names; 400 when it names none of these fills. */
    private static int afterHash(String cursor, List<Fill> fills) {
        JsonNode node = Cursors.decode(cursor);
        String hash = node.path("after").asString("");
        for (int i = 0; i < fills.size(); i++) if (fills.get(i).hash().equals(hash)) return i + 1;
        throw Cursors.invalid();
    }

    /**
     * GET /builders/{builder}/users: every user of the builder with volume and builder fees over the period (default
     * all), PnL and equity from its wallet; offset, limit up to 500 (default 100), orderBy (default volume), order
     * (default desc), ties by address. {items, totalCount}.
     */
    Reply users(Map<String, String> path, QueryParams q) {
        Builder b = builderOf(path);
        int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE);
        int limit = q.integer("limit", 100, 1, 500);
        String order = oneOf(q, "order", "desc", "asc", "desc");
        String orderBy = oneOf(q, "orderBy", "volume", "pnl", "volume", "builderFee", "equity");
        String period = oneOf(q, "period", "all", "24h", "7d", "30d", "all");
        List<UserRow> rows = userRows(b, period);
        Comparator<UserRow> by = Comparator.comparingDouble(r -> r.sortKey(orderBy));
        if (order.equals("desc")) by = by.reversed();
        rows.sort(by.thenComparing(UserRow::address));
        List<UserRow> page = rows.subList(Math.min(offset, rows.size()), Math.min(rows.size(), offset + limit));
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeName("items");
            g.writeStartArray();
            for (UserRow r : page) {
                g.writeStartObject();
                g.writeStringProperty("address", r.address());
                JsonOut.money(g, "volume", r.volumeCents());
                JsonOut.money(g, "builderFee", r.builderFeeCents());
                g.writeNumberProperty("fills", r.fills());
                JsonOut.decimal(g, "pnl", r.pnl());
                JsonOut.decimal(g, "equity", r.equity());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberProperty("totalCount", rows.size());
            g.writeEndObject();
        }));
    }

    /** One user of a builder over a period: its fills' volume and builder fees, its wallet's PnL and equity. */
    public record UserRow(
            String address, long volumeCents, long builderFeeCents, long fills, double pnl, double equity) {
        double sortKey(String orderBy) {
            return switch (orderBy) {
                case "pnl" -> pnl;
                case "equity" -> equity;
                case "builderFee" -> builderFeeCents;
                default -> volumeCents;
            };
        }
    }

    /** Every user of the builder (those without fills in the period too), in wallet order. */
    public static List<UserRow> userRows(Truth truth, Builder b, String period) {
        Duration span = TIMEFRAMES.get(period);
        Instant after = span == null ? Instant.MIN : truth.data().anchor().minus(span);
        Map<String, long[]> byAddress = new java.util.HashMap<>();
        for (Fill f : truth.fills(b, after, Instant.MAX)) {
            long[] t = byAddress.computeIfAbsent(f.address(), a -> new long[3]);
            t[0] += f.notionalCents();
            t[1] += f.builderFeeCents();
            t[2]++;
        }
        List<UserRow> rows = new ArrayList<>();
        for (MarketData.Wallet w : truth.users(b)) {
            long[] t = byAddress.getOrDefault(w.address(), new long[3]);
            rows.add(new UserRow(w.address(), t[0], t[1], t[2], w.allTimePnl(), w.perpEquity()));
        }
        return rows;
    }

    private List<UserRow> userRows(Builder b, String period) {
        return new ArrayList<>(userRows(truth, b, period));
    }

    /** An enum query value (case-sensitive, as NestJS checks it), the fallback when absent, else 400. */
    private static String oneOf(QueryParams q, String name, String fallback, String... allowed) {
        String value = q.first(name).orElse(null);
        if (value == null) return fallback;
        if (List.of(allowed).contains(value)) return value;
        throw ApiError.badRequest(name, name + " must be one of the following values: " + String.join(", ", allowed));
    }

    private Builder builderOf(Map<String, String> path) {
        String address = path.get("builder");
        if (!address.matches("0x[0-9a-fA-F]{40}"))
            throw ApiError.badRequest("builder", "builder must be an Ethereum address");
        return truth.builder(address.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> ApiError.notFound("Builder " + address));
    }
}
