package dev.hypertracker.mcp.sandbox;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Streaming JSON output in the API's number and time formats. */
final class JsonOut {

    static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private JsonOut() {}

    @FunctionalInterface
    interface Body {
        void writeTo(JsonGenerator g);
    }

    static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            body.writeTo(g);
        }
        return out.toByteArray();
    }

    /** ISO 8601 UTC with milliseconds, as the API writes times: 2026-02-25T00:00:00.000Z. */
    static String time(Instant t) {
        return TIME.format(t);
    }

    /** Money: always two decimals (30500.00), from whole cents so sums stay exact. */
    static void money(JsonGenerator g, String name, long cents) {
        g.writeName(name);
        g.writeNumber(BigDecimal.valueOf(cents, 2));
    }

    /**
     * A position value in whole micro-dollars, exact (30500.123456, 30500.5): values are size x price, which
     * has at most six decimals, so every sum of them is exact too and a coin's long and short sides can match.
     */
    static void value(JsonGenerator g, String name, long micros) {
        g.writeName(name);
        g.writeNumber(micros(micros));
    }

    static BigDecimal micros(long micros) {
        BigDecimal d = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /** A price or other decimal without exponent or trailing zeros (0.000012, 95120). */
    static void decimal(JsonGenerator g, String name, double value) {
        g.writeName(name);
        g.writeNumber(plain(value));
    }

    static String plain(double value) {
        BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    static void timeProperty(JsonGenerator g, String name, Instant t) {
        if (t == null) g.writeNullProperty(name);
        else g.writeStringProperty(name, time(t));
    }
}
