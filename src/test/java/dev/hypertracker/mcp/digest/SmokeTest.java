package dev.hypertracker.mcp.digest;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void print() {
        for (Fixtures.Case c : Fixtures.largestInputs()) {
            Digest d = Fixtures.digest(c, Fixtures.summary(2000, 10));
            System.out.println("=== " + c.tool() + " tokens=" + Fixtures.tokens(d));
            System.out.println(d.text());
            System.out.println(Json.toJson(d.structured()));
        }
    }
}
