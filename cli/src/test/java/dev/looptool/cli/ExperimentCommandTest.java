package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.cli.crash.CliProcess;
import dev.looptool.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code looptool experiment} end to end on a two-arm experiment of a tiny world and model. */
class ExperimentCommandTest {
  @Test
  void armsRunFromOneWarmUpAndTheReportComparesThemPairwise(@TempDir Path tmp) throws Exception {
    Path spec =
        Path.of(System.getProperty("looptool.repo.root", ".."))
            .resolve("cli/src/test/resources/specs/tiny-experiment.yaml");
    Path store = tmp.resolve("store");
    CliProcess.Result r =
        CliProcess.run(
            tmp,
            "experiment",
            "--config",
            spec.toString(),
            "--store",
            store.toString(),
            "--id",
            "ex",
            "--progress-seconds",
            "5");
    assertEquals(0, r.exitCode(), r.stdoutAndErr());
    assertTrue(r.stdoutAndErr().contains("looptool experiment ex: report at"), r.stdoutAndErr());
    assertTrue(r.stdoutAndErr().contains("full above static"), r.stdoutAndErr());

    JsonNode summary = Json.MAPPER.readTree(store.resolve("runs/ex/experiment.json").toFile());
    assertEquals("full", summary.get("reference").asText());
    assertEquals(2, summary.get("arms").size());
    JsonNode staticArm = summary.get("arms").get(1);
    assertEquals("ex-static", staticArm.get("run_id").asText());
    assertEquals(2, staticArm.get("iterations").size());
    JsonNode vs = staticArm.get("iterations").get(1).get("vs_reference");
    assertNotNull(vs, "the static arm is compared with full on the same samples");
    assertEquals(60, staticArm.get("iterations").get(1).get("samples").asInt());
    double p = vs.get("mcnemar_p").asDouble();
    assertTrue(p > 0 && p <= 1, "p " + p);
    // The full arm's GRPO reports its signal; the static arm's too (it trains with GRPO as well).
    JsonNode full = summary.get("arms").get(0).get("iterations").get(0);
    assertTrue(full.get("grpo_informative_share").isNumber(), full.toString());

    // One seed and one warm-up, shared; each arm wrote its own run and report.
    assertTrue(Files.isDirectory(store.resolve("runs/ex/sft/checkpoint")));
    assertTrue(Files.notExists(store.resolve("runs/ex-full/sft")));
    for (String arm : new String[] {"ex-full", "ex-static"}) {
      assertTrue(Files.exists(store.resolve("runs/" + arm + "/report.html")), arm);
      assertTrue(
          Files.readString(store.resolve("runs/" + arm + "/manifest.json")).contains("\"ex\""));
    }
    assertTrue(Files.notExists(store.resolve("runs/ex-static/iter-01/probe")));
    assertTrue(Files.readString(store.resolve("runs/ex/report.html")).contains("Findings"));
  }
}
