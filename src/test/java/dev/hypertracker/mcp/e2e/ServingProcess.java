package dev.hypertracker.mcp.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server process started with an HTTP transport: where it serves, read from its stderr line. */
final class ServingProcess {
    private static final Pattern SERVING = Pattern.compile("serving .* at (http://\\S+)");

    private ServingProcess() {}

    /** The base URL, and the thread that keeps copying stderr into the sink until the process closes it. */
    record Serving(String url, Thread stderrReader) {}

    static Serving awaitServing(Process process, StringBuffer stderr, Duration timeout) throws Exception {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            stderr.append(line).append('\n');
                            Matcher m = SERVING.matcher(line);
                            if (m.find()) url.complete(m.group(1));
                        }
                        url.completeExceptionally(new IllegalStateException("server exited: " + stderr));
                    } catch (IOException e) {
                        url.completeExceptionally(e);
                    }
                },
                "http-server-stderr");
        reader.setDaemon(true);
        reader.start();
        return new Serving(url.get(timeout.toMillis(), TimeUnit.MILLISECONDS), reader);
    }
}
