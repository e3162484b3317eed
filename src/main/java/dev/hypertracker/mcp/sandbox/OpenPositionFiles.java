package dev.hypertracker.mcp.sandbox;

import dev.hypertracker.mcp.catalog.OpenPositionFileEndpoints;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Every open position of a coin as CSV: {@code /positions/open/coin/{coin}} answers 302 to the file (coin in any case),
 * and {@code /coin/{coin}/open-positions/history} lists hourly snapshots of it, newest first, one per page, each with a
 * signed link to the file as it was at that hour (positions open then, valued at that hour's price; the profile_*
 * columns are the wallets' figures at the anchor).
 */
final class OpenPositionFiles {

    static final String COLUMNS = "id,address,coin,side,dex,size,value,entryPrice,unrealizedPnl,funding,"
            + "liquidationPrice,liquidationProgress,crossLeverage,isolatedLeverage,openTime,profile_totalEquity,"
            + "profile_perpEquity,profile_countOpenPositions,profile_pnl,profile_balance,profile_perpPnlSegmentId,"
            + "profile_sizeSegmentId";
    static final Instant SNAPSHOTS_START = Instant.parse(OpenPositionFileEndpoints.SNAPSHOTS_START);
    /** A snapshot's file is written this long after its time. */
    static final int COMPLETION_SECONDS = 37;

    private final MarketData data;
    private final SignedFiles files;

    OpenPositionFiles(MarketData data, SignedFiles files) {
        this.data = data;
        this.files = files;
    }

    private int coin(String symbol) {
        OptionalInt c = data.coinIndexIgnoringCase(symbol);
        if (c.isEmpty()) throw ApiError.notFound(symbol.toUpperCase(java.util.Locale.ROOT));
        return c.getAsInt();
    }

    /** 302 to the CSV of the coin's open positions at the anchor. */
    Reply export(Map<String, String> path) {
        int c = coin(path.get("coin"));
        String symbol = data.specs().get(c).symbol();
        return files.redirect("positions/open/" + symbol + ".csv", () -> csv(c, data.anchorSecond()));
    }

    /** The CSV of the coin's positions open at the second (an hour boundary), valued at that hour's price. */
    Reply csv(int c, int second) {
        CoinSpec spec = data.specs().get(c);
        int szd = spec.szDecimals();
        double price = data.priceAtHour(c, second / 3600);
        PositionTable t = data.table;
        WalletBook book = data.walletBook();
        StringBuilder out = new StringBuilder(COLUMNS).append('\n');
        for (int i : data.positionsByCoin[c]) {
            if (!t.isOpenAt(i, second)) continue;
            int w = t.wallet[i];
            long equity = data.walletEquityCents(w);
            out.append(data.positionId(i)).append(',');
            out.append(data.wallet(w).address()).append(',');
            out.append(spec.symbol()).append(',');
            out.append(t.isLong[i] ? "long" : "short").append(',');
            out.append(spec.dex()).append(',');
            out.append(BigDecimal.valueOf(t.lots[i], szd).toPlainString()).append(',');
            out.append(JsonOut.micros(t.valueMicros(i, szd, price)).toPlainString())
                    .append(',');
            out.append(JsonOut.plain(t.entryPrice[i])).append(',');
            out.append(cents(t.unrealizedPnlCents(i, szd, price))).append(',');
            out.append(cents(t.fundingCents(i, szd, spec.hourlyFunding(), second)))
                    .append(',');
            out.append(JsonOut.plain(t.liquidationPrice[i])).append(',');
            out.append(JsonOut.plain(data.liquidationProgress(i, price))).append(',');
            out.append(t.cross[i] ? t.leverage[i] : 0).append(',');
            out.append(t.cross[i] ? 0 : t.leverage[i]).append(',');
            out.append(JsonOut.time(data.instantAt(t.openSecond[i]))).append(',');
            out.append(cents(equity)).append(',');
            out.append(cents(equity)).append(',');
            out.append(book.openCount[w]).append(',');
            out.append(cents(data.walletPnlCents(w))).append(',');
            out.append(cents(equity)).append(',');
            out.append(data.walletPnlCohort(w)).append(',');
            out.append(data.walletSizeCohort(w)).append('\n');
        }
        return new Reply(200, "text/csv", Map.of(), out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String cents(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    /** One snapshot per page, newest first: the one at (or before) end, or the cursor's; nextCursor the hour before. */
    Reply history(Map<String, String> path, QueryParams q) {
        int c = coin(path.get("coin"));
        String symbol = data.specs().get(c).symbol();
        long floor = Math.max(0, data.secondOf(SNAPSHOTS_START));
        floor = (floor + 3599) / 3600 * 3600;
        Instant start = q.time("start").orElse(null);
        Instant end = q.time("end").orElse(data.anchor());
        if (start != null && start.isAfter(end)) throw ApiError.badRequest("start", "start must be before end");
        long oldest = start == null ? floor : Math.max(floor, data.secondOf(start));
        long at;
        if (q.first("nextCursor").isPresent()) {
            String createdAt = Cursors.decode(q.first("nextCursor").get())
                    .path("createdAt")
                    .asString("");
            Instant t = QueryParams.parseIso8601(createdAt).orElseThrow(Cursors::invalid);
            at = data.secondOf(t);
            if (at % 3600 != 0 || at > data.anchorSecond()) throw Cursors.invalid();
        } else {
            at = Math.min(data.anchorSecond(), Math.floorDiv(data.secondOf(end), 3600) * 3600);
        }
        boolean found = at >= oldest && at >= 0;
        long next = at - 3600;
        String nextCursor = found && next >= oldest ? Cursors.seriesRow(data.instantAt(next)) : null;
        int second = (int) at;
        return Reply.json(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("coin", symbol);
            if (!found) {
                g.writeNullProperty("snapshot");
            } else {
                Instant created = data.instantAt(second);
                g.writeName("snapshot");
                g.writeStartObject();
                g.writeStringProperty(
                        "snapshotId",
                        UUID.nameUUIDFromBytes(
                                        (data.seed() + "|" + symbol + "|" + second).getBytes(StandardCharsets.UTF_8))
                                .toString());
                g.writeStringProperty("coin", symbol);
                g.writeNumberProperty("stateVersion", second / 3600);
                g.writeNumberProperty("rowCount", openAt(c, second));
                g.writeStringProperty("status", "completed");
                g.writeStringProperty("format", "csv");
                JsonOut.timeProperty(g, "createdAt", created);
                JsonOut.timeProperty(g, "completedAt", created.plusSeconds(COMPLETION_SECONDS));
                g.writeStringProperty(
                        "downloadUrl",
                        files.signedUrl(
                                "positions/open/history/" + symbol + "/" + created.getEpochSecond() + ".csv",
                                () -> csv(c, second)));
                g.writeEndObject();
            }
            g.writeStringProperty("nextCursor", nextCursor);
            g.writeEndObject();
        }));
    }

    /** Positions of the coin open at the second. */
    int openAt(int c, int second) {
        int n = 0;
        for (int i : data.positionsByCoin[c]) if (data.table.isOpenAt(i, second)) n++;
        return n;
    }
}
