package dev.hypertracker.mcp.sandbox;

/**
 * Per wallet, what its positions add up to at the anchor: open value (long and short), open positions, summed
 * unrealized PnL in cents, the open position closest to liquidation (the sandbox's liquidationProgress), and the
 * first open time of any position. A wallet with no position at all is not active (the API lists active wallets only).
 */
final class WalletBook {

    final long[] openMicros, longMicros, shortMicros, upnlCents;
    final int[] openCount;
    /** Seconds since the data start of the wallet's first position; Integer.MAX_VALUE when it has none. */
    final int[] firstOpenSecond;
    /** The open position with the highest liquidationProgress, or -1. */
    final int[] closestLiq;

    final double[] closestProgress;

    WalletBook(MarketData data) {
        int wallets = data.walletCount();
        openMicros = new long[wallets];
        longMicros = new long[wallets];
        shortMicros = new long[wallets];
        upnlCents = new long[wallets];
        openCount = new int[wallets];
        firstOpenSecond = new int[wallets];
        closestLiq = new int[wallets];
        closestProgress = new double[wallets];
        java.util.Arrays.fill(firstOpenSecond, Integer.MAX_VALUE);
        java.util.Arrays.fill(closestLiq, -1);
        PositionTable t = data.table;
        for (int i = 0; i < t.size; i++) {
            int w = t.wallet[i];
            firstOpenSecond[w] = Math.min(firstOpenSecond[w], t.openSecond[i]);
            if (t.closeSecond[i] != PositionTable.OPEN) continue;
            CoinSpec spec = data.specs().get(t.coin[i]);
            double mark = data.markPrice(i);
            long value = t.valueMicros(i, spec.szDecimals(), mark);
            openMicros[w] += value;
            if (t.isLong[i]) longMicros[w] += value;
            else shortMicros[w] += value;
            upnlCents[w] += t.unrealizedPnlCents(i, spec.szDecimals(), mark);
            openCount[w]++;
            double progress = data.liquidationProgress(i);
            if (closestLiq[w] < 0 || progress > closestProgress[w]) {
                closestLiq[w] = i;
                closestProgress[w] = progress;
            }
        }
    }

    boolean active(int w) {
        return firstOpenSecond[w] != Integer.MAX_VALUE;
    }

    /** (long - short) / (long + short) open value, 4 decimals; null without open positions (this sandbox's formula). */
    Double bias(int w) {
        if (openMicros[w] == 0) return null;
        return Math.round((longMicros[w] - shortMicros[w]) / (double) openMicros[w] * 10_000) / 10_000.0;
    }

    /** Open value / perp equity, 4 decimals; null when the equity is not positive. */
    Double exposureRatio(int w, long equityCents) {
        if (equityCents <= 0) return null;
        return Math.round(openMicros[w] / 1e4 / equityCents * 10_000) / 10_000.0;
    }
}
