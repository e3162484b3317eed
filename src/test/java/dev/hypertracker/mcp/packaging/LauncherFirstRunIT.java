package dev.hypertracker.mcp.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's first run in a checkout without a jar: it builds only the jar (no tests, no npm install of the
 * test clients, no bundle) and says one line on stderr, Maven's own output staying in a log. Maven is a stand-in
 * on PATH that records its arguments and "builds" by copying the real jar; npm is one that records being called.
 */
class LauncherFirstRunIT {

    private static void script(Path path, String body) throws Exception {
        Files.writeString(path, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void firstRunBuildsOnlyTheJarAndSaysOneLine(@TempDir Path dir) throws Exception {
        assumeTrue(!System.getProperty("os.name").toLowerCase().contains("win"), "bash launcher");
        Path checkout = Files.createDirectories(dir.resolve("checkout/bin"));
        Files.copy(Path.of("bin", "hypertracker-mcp"), checkout.resolve("hypertracker-mcp"));
        Path jar = Path.of(System.getProperty("hypertracker.jar", "target/hypertracker-mcp.jar"))
                .toAbsolutePath();
        Path fakes = Files.createDirectories(dir.resolve("fakes"));
        Path mvnArgs = dir.resolve("mvn-args");
        Path npmCalled = dir.resolve("npm-called");
        script(
                fakes.resolve("mvn"),
                "echo \"$*\" > '" + mvnArgs + "'\necho '[INFO] Maven chatter that must stay in the log'\n"
                        + "mkdir -p target && cp '" + jar + "' target/hypertracker-mcp.jar");
        script(fakes.resolve("npm"), "touch '" + npmCalled + "'");

        ProcessBuilder pb =
                new ProcessBuilder("bash", checkout.resolve("hypertracker-mcp").toString(), "--version");
        pb.environment().put("PATH", fakes + File.pathSeparator + System.getenv("PATH"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("HYPERTRACKER_MCP_JAR");
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as("stderr: %s", Files.readString(err)).isZero();
        assertThat(Files.readString(out).strip()).isEqualTo("hypertracker-mcp " + PackagingTest.pomVersion());
        List<String> stderr = Files.readAllLines(err);
        assertThat(stderr).hasSize(1);
        assertThat(stderr.get(0)).startsWith("hypertracker-mcp: first run, building ");
        assertThat(Files.readString(mvnArgs).strip().split(" "))
                .contains("package", "-Dmaven.test.skip=true", "-Dskip.npm=true", "-Dskip.mcpb=true", "-q");
        assertThat(npmCalled).doesNotExist();
    }
}
