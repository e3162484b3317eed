package dev.hypertracker.mcp.sandbox;

/** Running totals of a group of open positions: the figures behind coins, heatmap, risk and breakdowns. */
final class Exposure {
    int count;
    int countLong;
    long valueCents;
    long valueLongCents;
    /** Value of the positions at liquidation risk (see {@link PositionTable#atRisk}). */
    long riskCents;

    void add(boolean isLong, long value, boolean atRisk) {
        count++;
        valueCents += value;
        if (isLong) {
            countLong++;
            valueLongCents += value;
        }
        if (atRisk) riskCents += value;
    }

    int countShort() { return count - countLong; }

    long valueShortCents() { return valueCents - valueLongCents; }

    /** Long share of the value, 0..1, four decimals; 0 for an empty group. */
    double bias() {
        return valueCents == 0 ? 0 : Math.round(10_000.0 * valueLongCents / valueCents) / 10_000.0;
    }

    /** Share of the value at liquidation risk in percent, two decimals. */
    double percentRisk() {
        return valueCents == 0 ? 0 : Math.round(10_000.0 * riskCents / valueCents) / 100.0;
    }
}
