package dev.hypertracker.mcp.digest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The run-time token estimate against the exact O200K_BASE tokenizer, on the digests of every endpoint (largest
 * inputs, every detail level, every budget of {@link BudgetAndSchemaTest}): never below the exact count, for the
 * text, for every line prefix of it (the budget trims text line by line) and for the structuredContent JSON; and
 * calibrated, i.e. not wildly above it.
 */
class TokenEstimateTest {

    @Test
    void estimateNeverUndercountsAndStaysCalibratedOnEveryEndpointsDigests() {
        long estimated = 0;
        long exact = 0;
        int checked = 0;
        for (Fixtures.Case c : Fixtures.largestInputs()) {
            for (Detail detail : Detail.values()) {
                for (int budget : BudgetAndSchemaTest.BUDGETS) {
                    Digest d = Fixtures.digest(c, Fixtures.options(detail, budget, 10));
                    String json = Json.toJson(d.structured());
                    for (String part : new String[] {d.text(), json}) {
                        int e = ExactTokens.count(part);
                        assertThat(TokenCounter.estimate(part))
                                .as("%s %s %d: %s", c, detail, budget, part)
                                .isGreaterThanOrEqualTo(e);
                        estimated += TokenCounter.estimate(part);
                        exact += e;
                        checked++;
                    }
                    for (int nl = d.text().indexOf('\n'); nl >= 0; nl = d.text().indexOf('\n', nl + 1)) {
                        String prefix = d.text().substring(0, nl);
                        assertThat(TokenCounter.estimate(prefix))
                                .as("%s %s %d, prefix: %s", c, detail, budget, prefix)
                                .isGreaterThanOrEqualTo(ExactTokens.count(prefix));
                    }
                }
            }
        }
        assertThat(checked)
                .isEqualTo(Fixtures.largestInputs().size()
                        * Detail.values().length
                        * BudgetAndSchemaTest.BUDGETS.length
                        * 2);
        double overcount = (double) estimated / exact;
        assertThat(overcount).as("estimate / exact over all digests").isBetween(1.0, TokenCounter.CALIBRATED_OVERCOUNT);
    }

    @Test
    void chargedAddsTheSafetyMarginToBothParts() {
        String text = "BTC longs: 1,234 positions, $12.5M notional";
        String json = "{\"coin\":\"BTC\",\"count\":1234}";
        int sum = TokenCounter.estimate(text) + TokenCounter.estimate(json);
        assertThat(TokenCounter.charged(text, json)).isEqualTo((int) Math.ceil(sum * TokenCounter.SAFETY_MARGIN));
        assertThat(TokenCounter.estimate("")).isZero();
        assertThat(TokenCounter.estimate(null)).isZero();
    }

    @Test
    void hostileTextsAreBoundedAboveByTheirExactCount() {
        // not digests, but what an upstream may put in one: addresses, cursors, non-Latin names, emoji, long runs
        String[] texts = {
            "0x3f5CE5FBFe3E9af3971dD833D26bA9b5C936f0bE",
            "eyJuZXh0IjoxMDAwfQ==",
            "日本語のコイン名 と 説明",
            "🚀🚀🚀 moon",
            "////////////////////",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "          x",
            "\n\n\n\n\t\t  \n",
            "Ünïcödé wörds àççéñts",
            "kPEPE xyz:GOLD FARTCOIN"
        };
        for (String t : texts) {
            assertThat(TokenCounter.estimate(t)).as(t).isGreaterThanOrEqualTo(ExactTokens.count(t));
        }
    }
}
