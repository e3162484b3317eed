package dev.hypertracker.mcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.doctor.Doctor;
import dev.hypertracker.mcp.support.SandboxHarness;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DoctorCommandTest {

    private record Run(int exit, String out) {}

    private static Run doctor(boolean drifted, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DoctorCommand command = new DoctorCommand();
        command.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        command.demoConfig = SandboxHarness.SMALL.withDrifted(drifted);
        int exit = new CommandLine(command).execute(args);
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void demoProbeIsAllGreenAndSaysFirstWhatItSpends() {
        Run run = doctor(false, "--demo", "--probe");
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out().lines().findFirst().orElseThrow())
                .contains("--probe: " + Doctor.requestsPlanned(true) + " API requests");
        assertThat(run.out()).contains("All well.");
    }

    @Test
    void jsonIsOneDocumentAndADriftedApiExitsNonZero() {
        Run run = doctor(true, "--demo", "--probe", "--json");
        assertThat(run.exit()).isEqualTo(1);
        JsonNode report = JsonMapper.builder().build().readTree(run.out());
        assertThat(report.get("healthy").booleanValue()).isFalse();
        assertThat(report.get("requestsPlanned").intValue()).isEqualTo(Doctor.requestsPlanned(true));
        boolean sideMissing = false;
        for (JsonNode e : report.get("endpoints")) {
            if (e.get("tool").stringValue().equals("list_positions"))
                sideMissing = e.get("neededMissing").toString().contains("side");
        }
        assertThat(sideMissing).isTrue();
    }

    @Test
    void theMainCommandHasTheDoctorSubcommand() {
        assertThat(HyperTrackerCommand.commandLine().getSubcommands()).containsKey("doctor");
    }
}
