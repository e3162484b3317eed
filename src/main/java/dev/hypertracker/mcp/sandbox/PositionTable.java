package dev.hypertracker.mcp.sandbox;

/**
 * All positions, column by column (a million position objects would cost ten times the memory), sorted by
 * open time. Index = the position's sequence number. Times are seconds since the data window's start;
 * money is in whole cents so that every aggregate is an exact sum of the rounded row values.
 */
final class PositionTable {

    /** closeSecond of a position still open at the anchor. */
    static final int OPEN = Integer.MAX_VALUE;
    /**
     * A position is at liquidation risk once the price has covered this share of the way from its entry
     * price to its liquidation price ("within 75% of the liquidation threshold").
     */
    static final double RISK_THRESHOLD = 0.75;

    final int size;
    final int[] wallet;
    final short[] coin;
    final boolean[] isLong;
    final boolean[] cross;
    final byte[] leverage;
    /** Size in lots of 10^-szDecimals of the coin. */
    final long[] lots;

    final double[] entryPrice;
    final double[] liquidationPrice;
    final int[] openSecond;
    final int[] closeSecond;

    PositionTable(int size) {
        this.size = size;
        wallet = new int[size];
        coin = new short[size];
        isLong = new boolean[size];
        cross = new boolean[size];
        leverage = new byte[size];
        lots = new long[size];
        entryPrice = new double[size];
        liquidationPrice = new double[size];
        openSecond = new int[size];
        closeSecond = new int[size];
    }

    boolean isOpenAt(int i, int second) {
        return openSecond[i] <= second && closeSecond[i] > second;
    }

    private static final double[] POWERS_OF_TEN = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};

    double sizeUnits(int i, int szDecimals) {
        return lots[i] / POWERS_OF_TEN[szDecimals];
    }

    private static final double[] PRICE_TO_MICROS_PER_LOT = {1e6, 1e5, 1e4, 1e3, 100, 10, 1};

    /**
     * size x price in micro-dollars, exactly: a price has at most 6 - szDecimals decimals, so price x
     * 10^(6 - szDecimals) is a whole number of micro-dollars per lot.
     */
    long valueMicros(int i, int szDecimals, double price) {
        return lots[i] * Math.round(price * PRICE_TO_MICROS_PER_LOT[szDecimals]);
    }

    long unrealizedPnlCents(int i, int szDecimals, double price) {
        double move = isLong[i] ? price - entryPrice[i] : entryPrice[i] - price;
        return Math.round(sizeUnits(i, szDecimals) * move * 100);
    }

    /** Funding accrued from open time to {@code second}: paid (negative) by the side the rate charges. */
    long fundingCents(int i, int szDecimals, double hourlyRate, int second) {
        double hoursHeld = (second - openSecond[i]) / 3600.0;
        double entryNotional = sizeUnits(i, szDecimals) * entryPrice[i];
        double paid = entryNotional * hourlyRate * hoursHeld;
        return Math.round((isLong[i] ? -paid : paid) * 100);
    }

    /** True once the price has moved {@link #RISK_THRESHOLD} of the way from entry towards liquidation. */
    boolean atRisk(int i, double price) {
        double entry = entryPrice[i];
        double liquidation = liquidationPrice[i];
        double wayToLiquidation = Math.abs(entry - liquidation);
        double adverseMove = isLong[i] ? entry - price : price - entry;
        return wayToLiquidation > 0 && adverseMove >= RISK_THRESHOLD * wayToLiquidation;
    }
}
