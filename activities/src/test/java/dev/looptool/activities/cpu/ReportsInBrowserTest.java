package dev.looptool.activities.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.activities.common.RunFiles;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.LabelChange;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Provenance;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.policy.TrainingTrace;
import dev.looptool.core.store.LocalArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.workflows.experiment.ArmResult;
import dev.looptool.workflows.loop.IterationSummary;
import dev.looptool.workflows.loop.Verification;
import dev.looptool.workflows.stages.Composition;
import dev.looptool.workflows.stages.CorrectResult;
import dev.looptool.workflows.stages.Dataset;
import dev.looptool.workflows.stages.EvalResult;
import dev.looptool.workflows.stages.ExpandTotals;
import dev.looptool.workflows.stages.ExperimentReportRequest;
import dev.looptool.workflows.stages.JudgeTotals;
import dev.looptool.workflows.stages.MergeResult;
import dev.looptool.workflows.stages.ProbeTotals;
import dev.looptool.workflows.stages.ReportRequest;
import dev.looptool.workflows.stages.TrainResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run and experiment reports open in headless Chromium without a script error, and every chart
 * draws: an SVG with its marks inside each chart element. Without Chromium on the PATH the test is
 * skipped, unless LOOPTOOL_REQUIRE_CHROMIUM=1 (CI installs Chromium and sets it) makes that a
 * failure.
 */
class ReportsInBrowserTest {
  @TempDir Path dir;

  @Test
  void runReportDrawsEveryChart() throws Exception {
    LocalArtifactStore store = new LocalArtifactStore(dir);
    List<IterationSummary> its = new ArrayList<>();
    for (int j = 1; j <= 3; j++) {
      its.add(iteration(store, "r", j, 0.70 + 0.02 * j, true));
    }
    writeCorrection(store, "r", 2);
    String html = RunReport.html(new ReportRequest("r", "{\"name\": \"t\"}", its), store);
    assertTrue(html.contains("Corrected labels"), "the corrections table is shown");
    assertTrue(html.contains("get_weather"));
    Page page = open(html);
    // accuracy, purity, composition, verdicts, reward, signal, loss, by shape
    assertEquals(8, page.chartElements());
    page.assertEveryChartDrew();
  }

  @Test
  void experimentReportDrawsEveryChartAndStatesTheFindings() throws Exception {
    LocalArtifactStore store = new LocalArtifactStore(dir);
    List<ArmResult> arms = new ArrayList<>();
    String[] names = {"full", "static", "noJglv"};
    double[] base = {0.74, 0.72, 0.73};
    for (int a = 0; a < names.length; a++) {
      List<IterationSummary> its = new ArrayList<>();
      for (int j = 1; j <= 2; j++) {
        its.add(iteration(store, "e-" + names[a], j, base[a] + 0.01 * j, a != 1));
      }
      arms.add(new ArmResult(names[a], 0, "e-" + names[a], its));
    }
    ExperimentReport report =
        ExperimentReport.of(store, new ExperimentReportRequest("e", "{}", arms));
    List<String> findings = report.findings();
    assertTrue(
        findings.get(0).startsWith("Shows: full above static at every iteration after the first"),
        findings.get(0));
    assertTrue(findings.get(1).startsWith("Shows: noJglv below full"), findings.get(1));
    assertTrue(findings.get(2).startsWith("GRPO signal of full"), findings.get(2));
    var vs = report.summary().get("arms").get(1).get("iterations").get(1).get("vs_reference");
    assertTrue(vs.get("mcnemar_p").asDouble() > 0 && vs.get("mcnemar_p").asDouble() <= 1);
    Page page = open(report.html());
    // Figure 3, signal, reward, purity, one composition per arm that merged (not static)
    assertEquals(6, page.chartElements());
    page.assertEveryChartDrew();
  }

  // ---------------------------------------------------------------- fixtures

  /**
   * An iteration of run {@code run} with its eval.json (1,000 outcomes) and GRPO trace; without
   * {@code merged} it is static training's (no merge).
   */
  private static IterationSummary iteration(
      LocalArtifactStore store, String run, int j, double accuracy, boolean merged)
      throws Exception {
    RunLayout.Iteration it = new RunLayout(run).iteration(j);
    Random rnd = new Random(j);
    StringBuilder matches = new StringBuilder();
    int matched = 0;
    for (int i = 0; i < 1000; i++) {
      boolean m = rnd.nextDouble() < accuracy;
      matched += m ? 1 : 0;
      matches.append(m ? '1' : '0');
    }
    var eval = Json.object().put("accuracy", matched / 1000.0).put("matches", matches.toString());
    store.write(it.eval(), os -> os.write(Json.MAPPER.writeValueAsBytes(eval)));
    List<TrainingTrace.Step> steps = new ArrayList<>();
    for (int s = 1; s <= 30; s++) {
      steps.add(new TrainingTrace.Step(s, 0.1 / s, 0.5 + 0.01 * s, 3 + s % 4, 8));
    }
    TrainingTrace trace = new TrainingTrace(steps);
    store.write(it.trainingTrace(), os -> os.write(trace.toJson()));
    return new IterationSummary(
        j,
        new Dataset(it.train(), 800, 0.85 + 0.03 * j),
        new TrainResult(
            it.checkpoint(),
            30,
            0.01,
            trace.meanReward(),
            trace.informativeShare(),
            it.trainingTrace()),
        new ProbeTotals(560, 240, 3, 1200.0),
        new Verification(
            new JudgeTotals(Map.of("PRED_WRONG", 150L, "LABEL_WRONG", 60L, "BOTH_WRONG", 30L), 240),
            new CorrectResult(210, 60, 30, 0, 210)),
        new ExpandTotals(210, 840, 800, 40, 0),
        merged
            ? new MergeResult(
                new Dataset(new RunLayout(run).iteration(j + 1).train(), 800, 0.9 + 0.02 * j),
                new Composition(210, 190, 40, 360),
                600,
                70)
            : null,
        new EvalResult(it.eval(), 1000, matched / 1000.0, Map.of("single", 0.8, "parallel", 0.3)));
  }

  private static void writeCorrection(LocalArtifactStore store, String run, int j)
      throws Exception {
    ToolCall right = ToolCall.of("get_weather", Json.object().put("city", "Paris"));
    ToolCall wrong = ToolCall.of("get_weather", Json.object().put("city", "Pariss"));
    Sample s =
        new Sample(
            "s-1",
            List.of(),
            List.of(Message.user("What's the weather in Paris?")),
            Label.ofCalls(List.of(right)),
            Provenance.seed()
                .withCorrection(
                    new LabelChange(
                        j, Label.ofCalls(List.of(wrong)), "LABEL_WRONG", "the label misspells it")),
            Json.object());
    RunFiles.writeSamples(store, new RunLayout(run).iteration(j).errors(), List.of(s));
  }

  // ---------------------------------------------------------------- the browser

  /** The DOM Chromium built from the page once its scripts ran. */
  private record Page(String dom) {
    int chartElements() {
      return count("<div class=\"chart\"");
    }

    int count(String needle) {
      int n = 0;
      for (int i = dom.indexOf(needle); i >= 0; i = dom.indexOf(needle, i + 1)) {
        n++;
      }
      return n;
    }

    void assertEveryChartDrew() {
      Matcher body = Pattern.compile("</head>\\s*<body([^>]*)>").matcher(dom);
      assertTrue(body.find(), "no body element");
      String attrs = body.group(1);
      assertFalse(attrs.contains("data-errors"), "script errors: " + attrs);
      assertTrue(
          attrs.contains("data-charts-rendered=\"" + chartElements() + "\""),
          "charts rendered: " + attrs + " in " + dom.substring(0, Math.min(600, dom.length())));
      // Each chart element holds an SVG with drawn paths (axes, lines, bars, interval bars).
      Matcher chart =
          Pattern.compile("<div class=\"chart\"[^>]*>(.*?)</svg>", Pattern.DOTALL).matcher(dom);
      int drawn = 0;
      while (chart.find()) {
        String svg = chart.group(1);
        assertTrue(svg.contains("<svg"), "chart without an SVG");
        int paths = svg.split("<path", -1).length - 1;
        assertTrue(paths >= 10, "a chart with only " + paths + " paths");
        drawn++;
      }
      assertEquals(chartElements(), drawn);
    }
  }

  private Page open(String html) throws Exception {
    String chromium = findChromium();
    if (chromium == null) {
      boolean required = "1".equals(System.getenv("LOOPTOOL_REQUIRE_CHROMIUM"));
      Assumptions.assumeFalse(!required, "chromium is not installed");
      throw new AssertionError("LOOPTOOL_REQUIRE_CHROMIUM=1 but no chromium on the PATH");
    }
    Path file = dir.resolve("report-" + System.nanoTime() + ".html");
    Files.writeString(file, html, StandardCharsets.UTF_8);
    Path profile = Files.createTempDirectory(dir, "chromium-profile");
    Process p =
        new ProcessBuilder(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--virtual-time-budget=5000",
                "--dump-dom",
                file.toUri().toString())
            .redirectError(dir.resolve("chromium.log").toFile())
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
    String dom = new String(out, StandardCharsets.UTF_8);
    assertTrue(
        dom.contains("<body"),
        "chromium printed no DOM: " + Files.readString(dir.resolve("chromium.log")));
    return new Page(dom);
  }

  private static String findChromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
        Path p = Path.of(d, name);
        if (Files.isExecutable(p)) {
          return p.toString();
        }
      }
    }
    return null;
  }
}
