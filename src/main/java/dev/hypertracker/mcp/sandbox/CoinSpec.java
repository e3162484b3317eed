package dev.hypertracker.mcp.sandbox;

import java.util.List;

/**
 * A market the sandbox trades: its listing facts and the parameters of its generated price path.
 *
 * @param symbol           the API's case-sensitive coin name (BTC, kPEPE, xyz:GOLD)
 * @param startPrice       price at the first hour of the data window
 * @param szDecimals       size precision, as Hyperliquid lists it
 * @param maxLeverage      the asset's max leverage
 * @param annualVolatility drives the hourly log-return spread of the price path
 * @param weight           relative share of positions opened on this coin
 * @param hourlyFunding    funding rate per hour; positive means longs pay shorts
 */
record CoinSpec(
        String symbol,
        double startPrice,
        int szDecimals,
        int maxLeverage,
        double annualVolatility,
        int weight,
        double hourlyFunding) {

    /** "main" for the core perp dex, else the HIP-3 dex named before the colon (xyz:GOLD → xyz). */
    String dex() {
        int colon = symbol.indexOf(':');
        return colon < 0 ? "main" : symbol.substring(0, colon);
    }

    /** The listed markets: majors, alts, k-prefixed memes (mixed case) and HIP-3 coins. */
    static final List<CoinSpec> ALL = List.of(
            new CoinSpec("BTC", 95_000, 5, 40, 0.50, 20, 0.0000125),
            new CoinSpec("ETH", 3_400, 4, 25, 0.65, 12, 0.0000125),
            new CoinSpec("SOL", 180, 2, 20, 0.80, 7, 0.000015),
            new CoinSpec("HYPE", 38, 2, 10, 1.00, 7, 0.00002),
            new CoinSpec("XRP", 2.3, 0, 20, 0.80, 4, 0.0000125),
            new CoinSpec("DOGE", 0.22, 0, 10, 0.90, 3, 0.00001),
            new CoinSpec("BNB", 650, 3, 10, 0.50, 2, 0.0000125),
            new CoinSpec("AVAX", 32, 2, 10, 0.85, 2, 0.00001),
            new CoinSpec("LINK", 19, 1, 10, 0.85, 2, 0.00001),
            new CoinSpec("SUI", 3.6, 1, 10, 1.00, 3, 0.000015),
            new CoinSpec("ADA", 0.75, 0, 10, 0.85, 2, 0.00001),
            new CoinSpec("TRX", 0.25, 0, 10, 0.50, 1, 0.000005),
            new CoinSpec("LTC", 95, 2, 10, 0.70, 1, 0.00001),
            new CoinSpec("DOT", 6.5, 1, 10, 0.85, 1, -0.000005),
            new CoinSpec("ARB", 0.65, 1, 10, 0.95, 1, -0.00001),
            new CoinSpec("OP", 1.6, 1, 10, 0.95, 1, 0.00001),
            new CoinSpec("APT", 8.5, 2, 10, 0.95, 1, 0.00001),
            new CoinSpec("NEAR", 4.8, 1, 10, 0.95, 1, 0.00001),
            new CoinSpec("TIA", 5.2, 1, 10, 1.10, 1, -0.000015),
            new CoinSpec("SEI", 0.42, 0, 10, 1.10, 1, 0.00001),
            new CoinSpec("INJ", 21, 1, 10, 1.00, 1, 0.00001),
            new CoinSpec("WIF", 1.9, 0, 10, 1.30, 2, 0.00003),
            new CoinSpec("ENA", 0.85, 0, 10, 1.20, 2, 0.00002),
            new CoinSpec("PENDLE", 4.5, 0, 5, 1.10, 1, 0.00001),
            new CoinSpec("AAVE", 280, 2, 10, 0.90, 1, 0.00001),
            new CoinSpec("TAO", 420, 3, 5, 1.10, 1, 0.000015),
            new CoinSpec("FARTCOIN", 1.1, 1, 5, 1.50, 2, 0.00004),
            new CoinSpec("kPEPE", 0.019, 0, 10, 1.20, 3, 0.00002),
            new CoinSpec("kBONK", 0.028, 0, 10, 1.30, 1, 0.00002),
            new CoinSpec("xyz:GOLD", 2_650, 4, 20, 0.18, 2, 0.000005),
            new CoinSpec("xyz:SILVER", 31, 2, 20, 0.30, 1, 0.000005),
            new CoinSpec("xyz:TSLA", 340, 3, 10, 0.60, 1, 0.00001),
            new CoinSpec("xyz:NVDA", 140, 3, 10, 0.50, 1, 0.00001),
            new CoinSpec("flx:OIL", 72, 2, 10, 0.40, 1, -0.000005));
}
