package dev.hypertracker.mcp.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar and the launcher, run for real: --version, and stdout purity with a mismatched CDS archive. */
class LauncherIT {
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}\n";

    private static Path jar() {
        return Path.of(System.getProperty("hypertracker.jar", "target/hypertracker-mcp.jar"));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private record Run(int exit, String stdout, String stderr) {}

    private static Run run(List<String> command, Map<String, String> env, String stdin, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("HYPERTRACKER_API_TOKEN");
        pb.environment().remove("HYPERTRACKER_MCP_JAVA_OPTS");
        pb.environment().putAll(env);
        File out = dir.resolve("stdout-" + System.nanoTime()).toFile();
        File err = dir.resolve("stderr-" + System.nanoTime()).toFile();
        pb.redirectOutput(out).redirectError(err);
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS))
                .as("process exits after end of input")
                .isTrue();
        return new Run(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }

    @Test
    void versionPrintsThePomVersion(@TempDir Path dir) throws Exception {
        Run r = run(List.of(java(), "-jar", jar().toString(), "--version"), Map.of(), "", dir);
        assertThat(r.exit()).isZero();
        assertThat(r.stdout().strip()).isEqualTo("hypertracker-mcp " + PackagingTest.pomVersion());
    }

    /** Issue 12: `bin/hypertracker-mcp doctor --demo` runs the checks against the sandbox, all green, exit 0. */
    @Test
    void doctorDemoThroughTheLauncherIsAllGreen(@TempDir Path dir) throws Exception {
        assumeTrue(!System.getProperty("os.name").toLowerCase().contains("win"), "bash launcher");
        Run r = run(
                List.of("bash", Path.of("bin", "hypertracker-mcp").toString(), "doctor", "--demo"),
                Map.of("HYPERTRACKER_MCP_JAR", jar().toString(), "JAVA_HOME", System.getProperty("java.home")),
                "",
                dir);
        assertThat(r.exit())
                .as("stdout: %s%nstderr: %s", r.stdout(), r.stderr())
                .isZero();
        assertThat(r.stdout()).contains("All well.").doesNotContain("FAIL");
    }

    /**
     * A CDS archive that does not fit (written for another jar path, as after moving the checkout) makes the JVM print
     * "[warning][cds] … Unable to use shared archive" on STDOUT by default, which would corrupt the MCP stream. The
     * launcher's -Xlog flags send it to stderr.
     */
    @Test
    void launcherKeepsStdoutProtocolOnlyWithAMismatchedArchive(@TempDir Path dir) throws Exception {
        assumeTrue(!System.getProperty("os.name").toLowerCase().contains("win"), "bash launcher");
        Path archive = Path.of(jar().toString().replaceFirst("\\.jar$", ".jsa"));
        assumeTrue(Files.isRegularFile(archive), "the build wrote no CDS archive (-Dskip.cds)");
        Path movedJar = dir.resolve("hypertracker-mcp.jar");
        Files.copy(jar(), movedJar);
        Files.copy(archive, dir.resolve("hypertracker-mcp.jsa"), StandardCopyOption.REPLACE_EXISTING);

        Run r = run(
                List.of("bash", Path.of("bin", "hypertracker-mcp").toString()),
                Map.of("HYPERTRACKER_MCP_JAR", movedJar.toString(), "JAVA_HOME", System.getProperty("java.home")),
                INITIALIZE,
                dir);

        assertThat(r.exit()).as("stderr: %s", r.stderr()).isZero();
        List<String> lines =
                new ArrayList<>(r.stdout().lines().filter(l -> !l.isBlank()).toList());
        assertThat(lines)
                .as("stdout: %s%nstderr: %s", r.stdout(), r.stderr())
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("{\"jsonrpc\":\"2.0\""));
        assertThat(lines.get(0)).contains("\"id\":1").contains("\"serverInfo\"");
        // whether the JVM warns at all about the foreign archive varies with the JDK build; if it does, it is on stderr
        assertThat(r.stdout()).doesNotContain("[warning]").doesNotContain("shared archive");
    }
}
