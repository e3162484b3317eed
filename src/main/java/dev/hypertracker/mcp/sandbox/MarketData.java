package dev.hypertracker.mcp.sandbox;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.SizeBucket;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * The sandbox's whole market, generated once from the seed: coins with hourly price paths, wallets with
 * their two cohorts, and every position. Everything the API serves derives from this; tests read it as the
 * ground truth. Positions are valued at the anchor while open and at their close hour once closed.
 */
public final class MarketData {

    /** Hourly price ticks span this many days before the anchor. */
    public static final int DAYS = 90;
    /** Mid price sits this fraction above the mark. */
    private static final double MID_SPREAD = 0.00005;

    private static final Cohort[] COHORTS = Cohort.values();
    private static final Cohort[] COHORTS_BY_ID = new Cohort[Cohort.MAX_ID + 1];

    static {
        for (Cohort c : COHORTS) COHORTS_BY_ID[c.id()] = c;
    }

    private final long seed;
    private final Instant anchor;
    private final Instant dataStart;
    private final int hours;
    private final List<CoinSpec> specs;
    /** prices[coin][hour]: the price at dataStart + hour hours; the last hour is the anchor's mark price. */
    private final double[][] prices;

    private final String[] walletAddress;
    private final long[] walletEquityCents;
    private final long[] walletPnlCents;
    private final byte[] walletSizeCohort;
    private final byte[] walletPnlCohort;
    final PositionTable table;
    private volatile Map<String, Integer> walletIndex;
    private volatile WalletBook walletBook;
    /** Indices of each coin's positions, ascending (so by open time). */
    final int[][] positionsByCoin;

    MarketData(
            long seed,
            Instant anchor,
            List<CoinSpec> specs,
            double[][] prices,
            String[] walletAddress,
            long[] walletEquityCents,
            long[] walletPnlCents,
            PositionTable table) {
        this.seed = seed;
        this.anchor = anchor;
        this.hours = DAYS * 24;
        this.dataStart = anchor.minusSeconds(hours * 3600L);
        this.specs = specs;
        this.prices = prices;
        this.walletAddress = walletAddress;
        this.walletEquityCents = walletEquityCents;
        this.walletPnlCents = walletPnlCents;
        this.walletSizeCohort = new byte[walletAddress.length];
        this.walletPnlCohort = new byte[walletAddress.length];
        for (int w = 0; w < walletAddress.length; w++) {
            walletSizeCohort[w] = cohortId(Cohort.Axis.SIZE, walletEquityCents[w] / 100.0);
            walletPnlCohort[w] = cohortId(Cohort.Axis.PNL, walletPnlCents[w] / 100.0);
        }
        this.table = table;
        this.positionsByCoin = indexByCoin(table, specs.size());
    }

    /**
     * Cohort.forEquity / forPnl without their streams (tens of thousands of wallets at start-up): the first
     * cohort of the axis whose [min, max) holds the value, falling back as they do.
     */
    private static byte cohortId(Cohort.Axis axis, double value) {
        for (Cohort c : COHORTS) if (c.axis() == axis && value >= c.min() && value < c.max()) return (byte) c.id();
        return (byte) (axis == Cohort.Axis.SIZE ? Cohort.forEquity(value) : Cohort.forPnl(value)).id();
    }

    private static int[][] indexByCoin(PositionTable table, int coins) {
        int[] counts = new int[coins];
        for (int i = 0; i < table.size; i++) counts[table.coin[i]]++;
        int[][] index = new int[coins][];
        for (int c = 0; c < coins; c++) index[c] = new int[counts[c]];
        int[] fill = new int[coins];
        for (int i = 0; i < table.size; i++) index[table.coin[i]][fill[table.coin[i]]++] = i;
        return index;
    }

    // ---- public ground truth ----

    /** A listed coin and its mark price at the anchor. */
    public record Coin(
            String symbol, String dex, int szDecimals, int maxLeverage, double markPrice, double hourlyFunding) {}

    /** A wallet: lowercase address, the figures that place it in its cohorts, and the cohorts. */
    public record Wallet(String address, double perpEquity, double allTimePnl, Cohort sizeCohort, Cohort pnlCohort) {
        /** The API's profile.segments: [size cohort id, PnL cohort id]. */
        public List<Integer> segments() {
            return List.of(sizeCohort.id(), pnlCohort.id());
        }
    }

    /** One position as the API shows it; value exact (size x mark), PnL and funding in cents, closeTime null while open. */
    public record Position(
            int sequence,
            String id,
            Wallet wallet,
            String coin,
            String dex,
            boolean isLong,
            BigDecimal size,
            double entryPrice,
            double markPrice,
            double midPrice,
            double positionValue,
            double liquidationPrice,
            double unrealizedPnl,
            double funding,
            int leverage,
            boolean cross,
            Instant openTime,
            Instant closeTime,
            SizeBucket sizeBucket,
            boolean atLiquidationRisk) {
        public boolean isOpen() {
            return closeTime == null;
        }

        public String side() {
            return isLong ? "long" : "short";
        }
    }

    public long seed() {
        return seed;
    }

    public Instant anchor() {
        return anchor;
    }
    /** The first hourly tick; no position opened before it. */
    public Instant dataStart() {
        return dataStart;
    }

    public int hours() {
        return hours;
    }

    public List<Coin> coins() {
        return IntStream.range(0, specs.size()).mapToObj(this::coin).toList();
    }

    /** The coin with exactly this (case-sensitive) symbol. */
    public Optional<Coin> coin(String symbol) {
        return coinIndex(symbol).stream().mapToObj(this::coin).findFirst();
    }

    /** The price of a coin at the hourly tick at or before {@code at} (clamped to the data window). */
    public double price(String symbol, Instant at) {
        int c = coinIndex(symbol).orElseThrow(() -> new IllegalArgumentException("unknown coin " + symbol));
        long second = Math.max(0, Math.min(anchorSecond(), at.getEpochSecond() - dataStart.getEpochSecond()));
        return prices[c][(int) (second / 3600)];
    }

    public List<Wallet> wallets() {
        return new AbstractList<>() {
            @Override
            public Wallet get(int index) {
                return wallet(index);
            }

            @Override
            public int size() {
                return walletAddress.length;
            }
        };
    }

    /** All positions in API order: by open time, then sequence. Rows are built on access. */
    public List<Position> positions() {
        return new AbstractList<>() {
            @Override
            public Position get(int index) {
                return position(index);
            }

            @Override
            public int size() {
                return table.size;
            }
        };
    }

    public List<Position> openPositions() {
        return IntStream.range(0, table.size)
                .filter(i -> table.closeSecond[i] == PositionTable.OPEN)
                .mapToObj(this::position)
                .toList();
    }

    // ---- package-private access for the routes and aggregations ----

    List<CoinSpec> specs() {
        return specs;
    }

    int anchorSecond() {
        return hours * 3600;
    }

    Instant instantAt(long second) {
        return dataStart.plusSeconds(second);
    }

    /** Seconds since the data start of {@code at}; may fall outside the window. */
    long secondOf(Instant at) {
        return at.getEpochSecond() - dataStart.getEpochSecond();
    }

    double priceAtHour(int coin, int hour) {
        return prices[coin][hour];
    }

    /** Index of the coin with exactly this (case-sensitive) symbol. */
    OptionalInt coinIndex(String symbol) {
        for (int c = 0; c < specs.size(); c++) if (specs.get(c).symbol().equals(symbol)) return OptionalInt.of(c);
        return OptionalInt.empty();
    }

    /** Index of the coin with this symbol in any case: export paths are case-insensitive. */
    OptionalInt coinIndexIgnoringCase(String symbol) {
        for (int c = 0; c < specs.size(); c++)
            if (specs.get(c).symbol().equalsIgnoreCase(symbol)) return OptionalInt.of(c);
        return OptionalInt.empty();
    }

    /** Index of the wallet with this lowercase address, or -1. */
    int walletIndex(String address) {
        Map<String, Integer> index = walletIndex;
        if (index == null) {
            index = new HashMap<>(walletAddress.length * 2);
            for (int w = 0; w < walletAddress.length; w++) index.put(walletAddress[w], w);
            walletIndex = index;
        }
        return index.getOrDefault(address, -1);
    }

    long totalWalletEquityCents() {
        long sum = 0;
        for (long e : walletEquityCents) sum += e;
        return sum;
    }

    int walletCount() {
        return walletAddress.length;
    }

    long walletEquityCents(int w) {
        return walletEquityCents[w];
    }

    /** Whether a wallet is in a cohort, on either axis. */
    boolean walletInCohort(int w, int cohortId) {
        return walletSizeCohort[w] == cohortId || walletPnlCohort[w] == cohortId;
    }

    Coin coin(int c) {
        CoinSpec s = specs.get(c);
        return new Coin(s.symbol(), s.dex(), s.szDecimals(), s.maxLeverage(), prices[c][hours], s.hourlyFunding());
    }

    Wallet wallet(int w) {
        double equity = walletEquityCents[w] / 100.0;
        double pnl = walletPnlCents[w] / 100.0;
        return new Wallet(
                walletAddress[w], equity, pnl, COHORTS_BY_ID[walletSizeCohort[w]], COHORTS_BY_ID[walletPnlCohort[w]]);
    }

    int sizeCohortId(int position) {
        return walletSizeCohort[table.wallet[position]];
    }

    int pnlCohortId(int position) {
        return walletPnlCohort[table.wallet[position]];
    }

    /** The second a position is valued at: the anchor while open, its close time once closed. */
    int valuationSecond(int i) {
        return Math.min(table.closeSecond[i], anchorSecond());
    }

    /** The mark price a position is shown with: the price of the hour of its valuation second. */
    double markPrice(int i) {
        return prices[table.coin[i]][valuationSecond(i) / 3600];
    }

    /**
     * The sandbox's liquidationProgress of a position at its mark: the share of the way from its entry price to its
     * liquidation price the price has covered, 0 (moved away or not at all) to 1, rounded to 4 decimals.
     */
    double liquidationProgress(int i) {
        return liquidationProgress(i, markPrice(i));
    }

    /** {@link #liquidationProgress(int)} at another price (a snapshot's hour). */
    double liquidationProgress(int i, double mark) {
        double entry = table.entryPrice[i];
        double way = Math.abs(entry - table.liquidationPrice[i]);
        if (way == 0) return 0;
        double adverse = table.isLong[i] ? entry - mark : mark - entry;
        return Math.round(Math.max(0, Math.min(1, adverse / way)) * 10_000) / 10_000.0;
    }

    /** The per-wallet figures aggregated from the positions, built on first use. */
    WalletBook walletBook() {
        WalletBook book = walletBook;
        if (book == null) {
            synchronized (this) {
                if (walletBook == null) walletBook = new WalletBook(this);
                book = walletBook;
            }
        }
        return book;
    }

    int walletOf(int position) {
        return table.wallet[position];
    }

    long walletPnlCents(int w) {
        return walletPnlCents[w];
    }

    int walletSizeCohort(int w) {
        return walletSizeCohort[w];
    }

    int walletPnlCohort(int w) {
        return walletPnlCohort[w];
    }

    /** 64 hex chars derived from seed and sequence: stable, unique, and free to store. */
    String positionId(int i) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of()
                    .formatHex(sha.digest(
                            ByteBuffer.allocate(16).putLong(seed).putLong(i).array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Position position(int i) {
        PositionTable t = table;
        CoinSpec spec = specs.get(t.coin[i]);
        int szd = spec.szDecimals();
        double mark = markPrice(i);
        long value = t.valueMicros(i, szd, mark);
        boolean open = t.closeSecond[i] == PositionTable.OPEN;
        return new Position(
                i,
                positionId(i),
                wallet(t.wallet[i]),
                spec.symbol(),
                spec.dex(),
                t.isLong[i],
                BigDecimal.valueOf(t.lots[i], szd),
                t.entryPrice[i],
                mark,
                MarketGenerator.roundPrice(mark * (1 + MID_SPREAD), szd),
                value / 1e6,
                t.liquidationPrice[i],
                t.unrealizedPnlCents(i, szd, mark) / 100.0,
                t.fundingCents(i, szd, spec.hourlyFunding(), valuationSecond(i)) / 100.0,
                t.leverage[i],
                t.cross[i],
                instantAt(t.openSecond[i]),
                open ? null : instantAt(t.closeSecond[i]),
                SizeBucket.forValue(value / 1e6),
                t.atRisk(i, mark));
    }
}
