package dev.hypertracker.mcp.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.cli.HyperTrackerCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the packaging without a Docker engine: the Dockerfile, the launcher and the pom agree on
 * the jar name, the CDS archive, the port and the JVM flags. (LauncherIT runs the launcher and the jar.)
 */
class PackagingTest {
    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Path LAUNCHER = Path.of("bin", "hypertracker-mcp");
    private static final Path POM = Path.of("pom.xml");

    static String pomFinalName() throws Exception {
        return single(Files.readString(POM), "<finalName>([^<]+)</finalName>");
    }

    static String pomVersion() throws Exception {
        // the project's own <version>: the first one after </parent> or <artifactId>hypertracker-mcp</artifactId>
        String pom = Files.readString(POM);
        return single(
                pom.substring(pom.indexOf("<artifactId>hypertracker-mcp</artifactId>")), "<version>([^<]+)</version>");
    }

    private static String single(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in the text", regex).isTrue();
        return m.group(1).trim();
    }

    private static List<String> instructions(String dockerfile, String keyword) {
        List<String> out = new ArrayList<>();
        String joined = dockerfile.replace("\\\n", " ");
        for (String line : joined.split("\n")) {
            String t = line.strip();
            if (t.regionMatches(true, 0, keyword + " ", 0, keyword.length() + 1))
                out.add(t.substring(keyword.length()).strip());
        }
        return out;
    }

    @Test
    void shadedJarIsNamedAsEverywhereElse() throws Exception {
        assertThat(pomFinalName()).isEqualTo("hypertracker-mcp");
    }

    @Test
    void dockerfileIsMultiStageAndRunsTheShadedJarAsNonRoot() throws Exception {
        String dockerfile = Files.readString(DOCKERFILE);
        String jar = pomFinalName() + ".jar";

        List<String> froms = instructions(dockerfile, "FROM");
        assertThat(froms)
                .as("multi-stage: a Maven build stage, then a runtime stage")
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(froms.get(0)).containsIgnoringCase("maven").containsIgnoringCase(" AS build");
        assertThat(froms.get(froms.size() - 1)).containsIgnoringCase("jre").doesNotContainIgnoringCase("maven");

        assertThat(instructions(dockerfile, "COPY"))
                .anySatisfy(copy -> assertThat(copy)
                        .startsWith("--from=build")
                        .contains("/target/" + jar)
                        .endsWith("/app/" + jar));

        List<String> users = instructions(dockerfile, "USER");
        assertThat(users).as("a USER instruction").isNotEmpty();
        String user = users.get(users.size() - 1);
        assertThat(user).isNotIn("root", "0", "0:0");

        List<String> entrypoints = instructions(dockerfile, "ENTRYPOINT");
        assertThat(entrypoints).hasSize(1);
        String entrypoint = entrypoints.get(0);
        assertThat(entrypoint)
                .as("exec form, so signals reach the JVM and args (e.g. --transport http) append")
                .startsWith("[")
                .endsWith("]");
        assertThat(entrypoint).contains("\"-jar\", \"/app/" + jar + "\"]");
        assertThat(entrypoint)
                .as("stdio by default: no transport in the entrypoint")
                .doesNotContain("--transport");
        assertThat(entrypoint)
                .as("JVM warnings must not reach stdout (the MCP channel)")
                .contains("\"-Xlog:all=warning:stderr\"");
        assertThat(instructions(dockerfile, "CMD"))
                .as("no CMD: `docker run IMAGE --transport http` passes flags")
                .isEmpty();
    }

    @Test
    void dockerExposesTheDefaultHttpPort() throws Exception {
        String defaultPort = HyperTrackerCommand.commandLine()
                .getCommandSpec()
                .findOption("--port")
                .defaultValue();
        assertThat(defaultPort).isEqualTo("8080");
        assertThat(instructions(Files.readString(DOCKERFILE), "EXPOSE")).containsExactly(defaultPort);
    }

    @Test
    void launcherIsExecutableAndUsesTheJarAndArchiveTheBuildProduces() throws Exception {
        assertThat(Files.isExecutable(LAUNCHER))
                .as("bin/hypertracker-mcp is executable (git mode 100755)")
                .isTrue();
        String launcher = Files.readString(LAUNCHER);
        String pom = Files.readString(POM);
        String jar = pomFinalName() + ".jar";

        assertThat(launcher).startsWith("#!/usr/bin/env bash\n");
        assertThat(launcher).contains("$here/target/" + jar);
        // the archive is the jar's name with .jsa: the path the pom's training run writes
        assertThat(launcher).contains("cds=\"${jar%.jar}.jsa\"");
        assertThat(pom)
                .contains("<argument>--archive</argument>")
                .contains("<argument>${project.build.directory}/" + pomFinalName() + ".jsa</argument>");
        assertThat(pom).contains("<argument>${project.build.directory}/" + jar + "</argument>");
        assertThat(launcher).contains("-XX:SharedArchiveFile=\"$cds\"").contains("-Xshare:auto");
        assertThat(launcher)
                .as("JVM warnings (e.g. a stale CDS archive) go to stderr, never stdout")
                .contains("-Xlog:disable -Xlog:all=warning:stderr");
        assertThat(launcher).contains("exec \"$java_bin\"");
    }

    @Test
    void dockerAndLauncherUseTheSameJvmFlags() throws Exception {
        String launcher = Files.readString(LAUNCHER);
        String flagsBlock =
                launcher.substring(launcher.indexOf("flags=("), launcher.indexOf(')', launcher.indexOf("flags=(")));
        String entrypoint =
                instructions(Files.readString(DOCKERFILE), "ENTRYPOINT").get(0);
        Matcher flag = Pattern.compile("-X[^\\s\"$)]+").matcher(flagsBlock);
        int n = 0;
        while (flag.find()) {
            String f = flag.group();
            if (f.startsWith("-Xmx")) f = "-Xmx";
            assertThat(entrypoint)
                    .as("Dockerfile ENTRYPOINT has the launcher's %s", f)
                    .contains("\"" + f);
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(8);
    }

    @Test
    void changelogHasTheCurrentVersion() throws Exception {
        assertThat(Files.readString(Path.of("CHANGELOG.md"))).contains("## [" + pomVersion() + "]");
    }
}
