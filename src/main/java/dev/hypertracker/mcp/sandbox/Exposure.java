package dev.hypertracker.mcp.sandbox;

/** Running totals of a group of open positions: the figures behind coins, heatmap, risk and breakdowns. */
final class Exposure {
    int count;
    int countLong;
    long valueMicros;
    long valueLongMicros;
    /** Value of the positions at liquidation risk (see {@link PositionTable#atRisk}). */
    long riskMicros;

    void add(boolean isLong, long value, boolean atRisk) {
        count++;
        valueMicros += value;
        if (isLong) {
            countLong++;
            valueLongMicros += value;
        }
        if (atRisk) riskMicros += value;
    }

    int countShort() {
        return count - countLong;
    }

    long valueShortMicros() {
        return valueMicros - valueLongMicros;
    }

    /** Long share of the value, 0..1, four decimals; 0 for an empty group. */
    double bias() {
        return valueMicros == 0 ? 0 : Math.round(10_000.0 * valueLongMicros / valueMicros) / 10_000.0;
    }

    /** Share of the value at liquidation risk in percent, two decimals. */
    double percentRisk() {
        return valueMicros == 0 ? 0 : Math.round(10_000.0 * riskMicros / valueMicros) / 100.0;
    }
}
