package dev.hypertracker.mcp.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the launcher (bin/hypertracker-mcp) finds its Java and what it starts, against a fake JDK whose {@code java}
 * records its arguments: the version comes from the installation's {@code release} file, else from asking that
 * java; a Java older than 17 is passed over. The launcher runs with an empty {@code PATH}: finding Java and starting
 * the jar must use nothing but bash built-ins (every external command costs 1-2 ms on each start of a stdio server,
 * docs/performance.md), so an added {@code dirname} or {@code sed} fails here.
 */
class LauncherJavaDiscoveryTest {
    private static final Path LAUNCHER = Path.of("bin", "hypertracker-mcp").toAbsolutePath();
    private static final Path BASH = Path.of("/bin/bash");

    /** A JDK directory whose bin/java writes its arguments (one a line) to args.txt beside it, and its version. */
    private static Path fakeJdk(Path dir, String name, String release, String specificationVersion) throws Exception {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        if (release != null) Files.writeString(home.resolve("release"), release);
        Path java = home.resolve("bin/java");
        Files.writeString(
                java,
                "#!/bin/bash\n"
                        + "if [ \"$1\" = -XshowSettings:properties ]; then\n"
                        + "  echo \"    java.specification.version = " + specificationVersion + "\" >&2; exit 0\n"
                        + "fi\n"
                        + "printf '%s\\n' \"$@\" > \"" + home.resolve("args.txt") + "\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private static int launch(Path dir, Path javaHome) throws Exception {
        Path jar = dir.resolve("server.jar");
        Files.writeString(jar, "not a real jar: the fake java only records its arguments");
        Path emptyPath = Files.createDirectories(dir.resolve("empty-path"));
        ProcessBuilder pb = new ProcessBuilder(BASH.toString(), LAUNCHER.toString(), "--demo");
        pb.environment().clear();
        pb.environment().put("PATH", emptyPath.toString());
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("HYPERTRACKER_MCP_JAR", jar.toString());
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("launcher.out").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static List<String> args(Path javaHome) throws Exception {
        return Files.readAllLines(javaHome.resolve("args.txt"), StandardCharsets.UTF_8);
    }

    @Test
    void readsTheVersionFromTheReleaseFileAndStartsTheJarWithoutAnyExternalCommand(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(BASH));
        Path jdk = fakeJdk(dir, "jdk17", "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"17.0.99\"\nOS_NAME=\"Linux\"\n", "99");

        assertThat(launch(dir, jdk))
                .as(Files.readString(dir.resolve("launcher.out")))
                .isZero();

        List<String> args = args(jdk);
        assertThat(args).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", "--demo");
        assertThat(args.get(args.indexOf("-jar") + 1))
                .isEqualTo(dir.resolve("server.jar").toString());
        // Java 17 (the release file's 17.0.99, not the 99 that asking would answer): the AppCDS path, no AOT cache
        assertThat(args).noneMatch(a -> a.startsWith("-XX:AOTCache"));
    }

    @Test
    void asksTheJavaItselfWhenTheReleaseFileHasNoVersion(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(BASH));
        Path jdk = fakeJdk(dir, "jdk", "IMPLEMENTOR=\"x\"\n", "17");

        assertThat(launch(dir, jdk))
                .as(Files.readString(dir.resolve("launcher.out")))
                .isZero();

        assertThat(args(jdk)).contains("-jar", "--demo");
    }

    @Test
    void passesOverAJavaOlderThan17(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(BASH));
        Path old = fakeJdk(dir, "jdk11", "JAVA_VERSION=\"11.0.2\"\n", "11");

        launch(dir, old);

        // whatever else this machine has (a JDK under /usr/lib/jvm, or none: "Java 17 or newer is required"), the
        // Java 11 is never started
        assertThat(old.resolve("args.txt")).doesNotExist();
    }
}
