package dev.hypertracker.mcp.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's AppCDS archive fits the final jar: with {@code -Xshare:on} the JVM refuses to start when the archive
 * cannot be mapped (trained on another or an earlier jar, another JDK), so a served {@code initialize} proves it
 * maps. The class-load log then shows the start's classes coming from it, and no picocli model being built.
 */
class CdsArchiveIT {
    private static final String SESSION = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}\n";

    @Test
    void archiveMapsWithXshareOnAndServesTheStartsClasses(@TempDir Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("hypertracker.jar", "target/hypertracker-mcp.jar"));
        Path archive = Path.of(jar.toString().replaceFirst("\\.jar$", ".jsa"));
        assertThat(archive).as("the build writes the archive (unless -Dskip.cds)").isRegularFile();
        Path classLog = dir.resolve("classes.txt");
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-Xlog:class+load=info:file=" + classLog, "-jar", jar.toString()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().write(SESSION.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as("stderr: %s", Files.readString(err)).isZero();
        assertThat(Files.readString(out)).contains("\"id\":1").contains("\"serverInfo\"");
        List<String> ours = Files.readAllLines(classLog).stream()
                .filter(l -> l.contains(" dev.hypertracker.mcp.")).toList();
        assertThat(ours).isNotEmpty();
        assertThat(ours).as("the server's own classes of a start come from the archive")
                .filteredOn(l -> l.contains("shared objects file")).hasSizeGreaterThan(ours.size() * 9 / 10);
        // plain serve reads its options without picocli's model (cli/ServeArguments): CommandLine is never loaded
        assertThat(Files.readAllLines(classLog)).noneMatch(l -> l.contains(" picocli.CommandLine source:"));
    }
}
