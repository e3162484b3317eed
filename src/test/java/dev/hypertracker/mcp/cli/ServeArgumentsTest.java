package dev.hypertracker.mcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The picocli-free reader of the default serve command line agrees with picocli: same option values for every
 * plainly valid command line, picocli itself for everything else, and the same errors and exit codes.
 */
class ServeArgumentsTest {

    private static String[] words(String line) {
        return line.isBlank() ? new String[0] : line.split(" ");
    }

    /** Every @Option field's value, by field name. */
    private static Map<String, Object> options(HyperTrackerCommand command) throws IllegalAccessException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : HyperTrackerCommand.class.getDeclaredFields()) {
            if (f.getAnnotation(Option.class) == null) continue;
            f.setAccessible(true);
            values.put(f.getName(), f.get(command));
        }
        return values;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "--demo",
                "--transport http --port 0 --host 0.0.0.0",
                "--port=9000 --tools=positions,risk",
                "--allowed-origin https://a.example,https://b.example --allowed-origin https://c.example",
                "--rate-limit 30 --deadline 10 --cache-mb 0 --seed 7 --auth-token s3cret --demo",
                "--transport=sse --seed 9223372036854775 --tools list_positions",
                "--transport http --max-sessions 5 --session-idle-timeout 60",
                "--transport http --oauth-issuer https://auth.example --oauth-jwks-url https://auth.example/jwks "
                        + "--oauth-resource https://mcp.example/mcp --oauth-scope mcp:read,mcp:tools"
            })
    void readsPlainCommandLinesAsPicocliDoes(String line) throws Exception {
        HyperTrackerCommand fast = ServeArguments.parse(words(line));
        assertThat(fast).as("read without picocli").isNotNull();
        CommandLine picocli = HyperTrackerCommand.commandLine();
        picocli.parseArgs(words(line));
        assertThat(options(fast)).isEqualTo(options(picocli.getCommand()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--help",
                "-h",
                "--version",
                "-V",
                "call get_data_freshness --demo",
                "sandbox",
                "tools-json",
                "--port abc",
                "--port",
                "--bogus",
                "--port 1 --port 2",
                "--demo=true",
                "--port -1",
                "--port 010",
                "--demo --demo",
                "--host",
                "--tools=",
                "--port 99999999999",
                "-- --demo",
                "--demo extra"
            })
    void leavesEverythingElseToPicocli(String line) {
        assertThat(ServeArguments.parse(words(line))).isNull();
    }

    @Test
    void everyServeOptionIsReadWithoutPicocli() {
        // a new @Option of a type this reader does not know would silently put picocli back on every start
        assertThat(ServeArguments.parse(new String[0])).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--transport bogus",
                "--transport http,stateless",
                "--tools nonsense",
                "--tools positions,nope",
                "--port abc",
                "--bogus",
                "--port 1 --port 2"
            })
    void errorsAndExitCodesAreExactlyPicoclis(String line) throws Exception {
        Result fast = capture(() -> ServeArguments.execute(words(line)));
        Result picocli = capture(() -> HyperTrackerCommand.commandLine().execute(words(line)));
        assertThat(fast).isEqualTo(picocli);
        assertThat(fast.exit()).isEqualTo(2);
        assertThat(fast.stderr()).isNotBlank();
        assertThat(fast.stdout())
                .as("errors never reach stdout (the MCP channel)")
                .isEmpty();
    }

    private record Result(int exit, String stdout, String stderr) {}

    private static synchronized Result capture(IntSupplier run) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = run.getAsInt();
            return new Result(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
