package dev.hypertracker.mcp.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExactSumTest {

    @Test
    void sumsAreTheDoubleNearestToTheExactDecimalTotal() {
        SplittableRandom random = new SplittableRandom(7);
        for (int scale : new int[] {2, 6, 9}) {
            ExactSum sum = new ExactSum();
            BigDecimal exact = BigDecimal.ZERO;
            for (int i = 0; i < 100_000; i++) {
                double v = BigDecimal.valueOf(random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L), scale)
                        .doubleValue();
                sum.add(v);
                exact = exact.add(BigDecimal.valueOf(v));
            }
            assertThat(sum.value()).as("scale %d", scale).isEqualTo(exact.doubleValue());
        }
    }

    @Test
    void aNaiveDoubleSumWouldDrift() {
        ExactSum sum = new ExactSum();
        double naive = 0;
        for (int i = 0; i < 10; i++) {
            sum.add(0.1);
            naive += 0.1;
        }
        assertThat(naive).isNotEqualTo(1.0);
        assertThat(sum.value()).isEqualTo(1.0);
        sum.add(Double.NaN);
        assertThat(sum.value()).isEqualTo(1.0);
    }
}
