package dev.hypertracker.mcp.cli;

import dev.hypertracker.mcp.config.Secret;
import dev.hypertracker.mcp.config.Settings;
import dev.hypertracker.mcp.doctor.Doctor;
import dev.hypertracker.mcp.sandbox.SandboxConfig;
import dev.hypertracker.mcp.sandbox.SandboxServer;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hypertracker-mcp doctor}: is the set-up healthy, and does the API still look like the digests expect? */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Checks the configuration, reachability, the token (never printed), the quota headers and the data's "
                    + "freshness (2 API requests). Exit 0 when all is well.",
            "--probe also makes one cheap request per endpoint and lists, per endpoint, every expected field that is "
                    + "missing, of an unexpected type (numbers as strings included) or unknown; exit non-zero when a "
                    + "field the digests need is missing."
        })
public final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--probe", description = "One cheap request per endpoint, and a field-by-field report.")
    boolean probe;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    @Option(names = "--demo", description = "Check against the embedded sandbox (synthetic data, no token needed).")
    boolean demo;

    /** Where the report goes; the command line's stdout unless a test says otherwise. */
    PrintStream out = System.out;

    Map<String, String> env = System.getenv();
    SandboxConfig demoConfig = SandboxConfig.defaults();

    @Override
    public Integer call() {
        if (demo) {
            try (SandboxServer sandbox = SandboxServer.start(demoConfig)) {
                return check(sandbox.baseUrl(), Secret.of(sandbox.token()));
            }
        }
        URI base;
        try {
            base = URI.create(env.getOrDefault(Settings.ENV_BASE_URL, Settings.DEFAULT_BASE_URL.toString())
                    .trim());
        } catch (IllegalArgumentException e) {
            out.println("FAIL configuration  " + Settings.ENV_BASE_URL + " is not a URL");
            return 1;
        }
        return check(base, Secret.of(env.get(Settings.ENV_TOKEN)));
    }

    private int check(URI base, Secret token) {
        int planned = Doctor.requestsPlanned(probe);
        if (!json) {
            out.println("doctor" + (probe ? " --probe" : "") + ": " + planned + " API requests to " + base
                    + (probe
                            ? " (one per endpoint a sample path reaches; export files are fetched from the file store, outside the quota)"
                            : "")
                    + (demo ? " (demo: the embedded sandbox)" : ""));
        }
        Doctor.Report report = new Doctor(base, token, Clock.systemUTC()).run(probe);
        out.println(json ? Doctor.json(report) : Doctor.text(report));
        out.flush();
        return report.healthy() ? 0 : 1;
    }
}
