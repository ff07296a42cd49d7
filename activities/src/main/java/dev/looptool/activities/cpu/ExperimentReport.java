package dev.looptool.activities.cpu;

import static dev.looptool.activities.cpu.ReportPage.pct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.stats.Accuracy;
import dev.looptool.core.stats.PairedComparison;
import dev.looptool.core.store.ArtifactStore;
import dev.looptool.workflows.experiment.ArmResult;
import dev.looptool.workflows.loop.IterationSummary;
import dev.looptool.workflows.stages.ExperimentReportRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * An experiment's comparison of its arms (the paper's Figure 3 and Table 3): held-out accuracy per
 * iteration per arm with 95 % Wilson intervals, each arm against the reference arm (the first) on
 * the same test samples with McNemar's exact test, GRPO's signal and label purity per arm, and
 * plain sentences saying whether the paper's effect shows. Reads each evaluation's per-sample
 * outcomes from its eval.json.
 */
final class ExperimentReport {
  private final ExperimentReportRequest request;
  private final List<Arm> arms = new ArrayList<>();

  /** One arm run with its per-iteration figures. */
  private record Arm(ArmResult run, List<Point> points) {
    String label(boolean seeds) {
      return seeds ? run.arm() + " (seed " + run.seed() + ")" : run.arm();
    }
  }

  /** One iteration of one arm; {@code vsReference} is null for the reference itself. */
  private record Point(
      IterationSummary summary, Accuracy accuracy, String matches, PairedComparison vsReference) {}

  private ExperimentReport(ExperimentReportRequest request) {
    this.request = request;
  }

  static ExperimentReport of(ArtifactStore store, ExperimentReportRequest r) throws IOException {
    ExperimentReport report = new ExperimentReport(r);
    List<List<String>> matches = new ArrayList<>();
    for (ArmResult a : r.arms()) {
      List<String> m = new ArrayList<>();
      for (IterationSummary s : a.iterations()) {
        m.add(matchesOf(store, s.eval().evalKey()));
      }
      matches.add(m);
    }
    for (int i = 0; i < r.arms().size(); i++) {
      ArmResult a = r.arms().get(i);
      int ref = referenceOf(r.arms(), a);
      List<Point> points = new ArrayList<>();
      for (int j = 0; j < a.iterations().size(); j++) {
        IterationSummary s = a.iterations().get(j);
        String mine = matches.get(i).get(j);
        String theirs = ref == i || j >= matches.get(ref).size() ? null : matches.get(ref).get(j);
        PairedComparison vs =
            mine != null && theirs != null && mine.length() == theirs.length()
                ? PairedComparison.of(mine, theirs)
                : null;
        points.add(new Point(s, RunReport.accuracy(s), mine, vs));
      }
      report.arms.add(new Arm(a, points));
    }
    return report;
  }

  /** The reference for {@code arm}: the first arm run of the same seed. */
  private static int referenceOf(List<ArmResult> all, ArmResult arm) {
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).seed() == arm.seed()) {
        return i;
      }
    }
    throw new IllegalStateException("no arm run of seed " + arm.seed());
  }

  private static String matchesOf(ArtifactStore store, String evalKey) throws IOException {
    Path p = store.path(evalKey);
    if (!Files.isRegularFile(p)) {
      return null;
    }
    JsonNode m = Json.MAPPER.readTree(p.toFile()).get("matches");
    return m == null || m.isNull() ? null : m.asText();
  }

  private String reference() {
    return request.arms().isEmpty() ? "" : request.arms().get(0).arm();
  }

  private boolean manySeeds() {
    return arms.stream().anyMatch(a -> a.run().seed() > 0);
  }

  private int iterations() {
    return arms.stream().mapToInt(a -> a.points().size()).max().orElse(0);
  }

  // ---------------------------------------------------------------- experiment.json

  ObjectNode summary() {
    ObjectNode o = Json.object();
    o.put("experiment", request.experimentId());
    o.put("reference", reference());
    ArrayNode out = o.putArray("arms");
    for (Arm a : arms) {
      ObjectNode n = out.addObject();
      n.put("arm", a.run().arm());
      n.put("seed", a.run().seed());
      n.put("run_id", a.run().runId());
      ArrayNode its = n.putArray("iterations");
      for (Point p : a.points()) {
        ObjectNode it = its.addObject();
        IterationSummary s = p.summary();
        it.put("iteration", s.iteration());
        it.put("samples", p.accuracy().n());
        it.put("matched", p.accuracy().matched());
        it.put("accuracy", p.accuracy().value());
        it.put("low95", p.accuracy().low());
        it.put("high95", p.accuracy().high());
        putOrNull(it, "purity", s.train().purity());
        it.put("grpo_mean_reward", s.trained().meanReward());
        putOrNull(it, "grpo_informative_share", s.trained().informativeShare());
        if (p.vsReference() != null) {
          ObjectNode vs = it.putObject("vs_reference");
          vs.put("difference", p.vsReference().difference());
          vs.put("only_this_arm", p.vsReference().onlyA());
          vs.put("only_reference", p.vsReference().onlyB());
          vs.put("mcnemar_p", p.vsReference().pValue());
        }
      }
    }
    ArrayNode findings = o.putArray("findings");
    findings().forEach(findings::add);
    return o;
  }

  private static void putOrNull(ObjectNode o, String field, Double v) {
    if (v == null || v.isNaN()) {
      o.putNull(field);
    } else {
      o.put(field, v);
    }
  }

  // ---------------------------------------------------------------- findings

  /**
   * The paper's claims checked on this experiment, one sentence each with the numbers: the loop
   * above static training at every iteration after the first, each ablation below the loop at the
   * last iteration, and the GRPO signal of the reference arm.
   */
  List<String> findings() {
    List<String> out = new ArrayList<>();
    String ref = reference();
    for (Arm a : arms) {
      if (a.run().arm().equals(ref) || a.points().isEmpty()) {
        continue;
      }
      String name = a.label(manySeeds());
      // Static training (whatever the arm is called) merges nothing: it trains on D_1 again.
      boolean isStatic = a.points().stream().allMatch(p -> p.summary().merge() == null);
      List<Point> compared =
          isStatic
              ? a.points().subList(1, a.points().size())
              : a.points().subList(a.points().size() - 1, a.points().size());
      if (compared.isEmpty()) {
        continue;
      }
      boolean holds = true;
      boolean significant = true;
      List<String> parts = new ArrayList<>();
      for (Point p : compared) {
        PairedComparison c = p.vsReference();
        if (c == null) {
          holds = false;
          parts.add("iteration " + p.summary().iteration() + ": no paired outcomes");
          continue;
        }
        holds &= c.difference() < 0;
        parts.add(
            String.format(
                Locale.ROOT,
                "iteration %d: %s %s vs %s %s (%s − %s: %+.1f points, McNemar p = %.3g)",
                p.summary().iteration(),
                ref,
                pct(p.accuracy().value() - c.difference()),
                name,
                pct(p.accuracy().value()),
                ref,
                name,
                -100 * c.difference(),
                c.pValue()));
        significant &= c.pValue() < 0.05;
      }
      String claim =
          isStatic
              ? ref + " above " + name + " at every iteration after the first"
              : name + " below " + ref + " at the last iteration";
      String verdict =
          !holds
              ? "Does not show: "
              : significant ? "Shows: " : "Shows, but not significantly (p ≥ 0.05): ";
      out.add(verdict + claim + ": " + String.join("; ", parts) + ".");
    }
    for (Arm a : arms) {
      if (!a.run().arm().equals(ref)) {
        continue;
      }
      List<String> parts = new ArrayList<>();
      for (Point p : a.points()) {
        Double share = p.summary().trained().informativeShare();
        parts.add(
            String.format(
                Locale.ROOT,
                "iteration %d: %s of groups, mean reward %.3f",
                p.summary().iteration(),
                share == null ? "–" : pct(share),
                p.summary().trained().meanReward()));
      }
      out.add(
          "GRPO signal of "
              + a.label(manySeeds())
              + " (prompt groups with unequal rewards): "
              + String.join("; ", parts)
              + ".");
    }
    return out;
  }

  // ---------------------------------------------------------------- report.html

  String html() {
    boolean seeds = manySeeds();
    List<String> x = new ArrayList<>();
    for (int j = 1; j <= iterations(); j++) {
      x.add(Integer.toString(j));
    }
    ReportPage page = new ReportPage("looptool experiment " + request.experimentId());
    page.h1("looptool experiment " + request.experimentId());
    page.paragraph(
        "Every arm starts from the same π_0 and D_1 and is evaluated on the same held-out test; "
            + "intervals are 95 % Wilson score intervals, and each arm is compared with "
            + reference()
            + " sample by sample (McNemar's exact test).");
    page.h2("Findings");
    StringBuilder list = new StringBuilder("<ul>");
    findings().forEach(f -> list.append("<li>").append(ReportPage.esc(f)).append("</li>"));
    page.html(list.append("</ul>").toString());

    ObjectNode fig =
        ReportPage.spec("lines", "Held-out ToolMatch accuracy per arm, 95 % interval", x);
    fig.put("percent", true).put("scale", true).put("xName", "iteration");
    for (Arm a : arms) {
      ObjectNode s = ReportPage.series(fig, a.label(seeds), values(a, p -> p.accuracy().value()));
      ReportPage.numbers(s.putArray("low"), values(a, p -> p.accuracy().low()));
      ReportPage.numbers(s.putArray("high"), values(a, p -> p.accuracy().high()));
    }
    page.chart(fig);

    page.h2("Accuracy per arm and iteration (the paper's Table 3)");
    List<String> header = new ArrayList<>(List.of("arm"));
    x.forEach(j -> header.add("iteration " + j));
    List<List<String>> rows = new ArrayList<>();
    for (Arm a : arms) {
      List<String> row = new ArrayList<>(List.of(a.label(seeds)));
      for (Point p : a.points()) {
        StringBuilder cell =
            new StringBuilder(
                pct(p.accuracy().value())
                    + " ["
                    + pct(p.accuracy().low())
                    + ", "
                    + pct(p.accuracy().high())
                    + "]");
        if (p.vsReference() != null) {
          cell.append(
              String.format(
                  Locale.ROOT,
                  " %+.1f, p=%.3g",
                  100 * p.vsReference().difference(),
                  p.vsReference().pValue()));
        }
        row.add(cell.toString());
      }
      rows.add(row);
    }
    page.table(header, rows);
    page.paragraph(
        "Each cell: accuracy [95 % interval], then the difference from "
            + reference()
            + " in points and McNemar's p-value on the same test samples.");

    ObjectNode signal =
        ReportPage.spec("lines", "GRPO signal: share of prompt groups with unequal rewards", x);
    signal.put("percent", true).put("yMin", 0).put("yMax", 1).put("xName", "iteration");
    ObjectNode reward = ReportPage.spec("lines", "GRPO mean reward per iteration", x);
    reward.put("yMin", 0).put("yMax", 1).put("xName", "iteration");
    ObjectNode purity = ReportPage.spec("lines", "Label purity of D_j per arm", x);
    purity.put("percent", true).put("scale", true).put("xName", "iteration");
    for (Arm a : arms) {
      ReportPage.series(
          signal, a.label(seeds), values(a, p -> p.summary().trained().informativeShare()));
      ReportPage.series(reward, a.label(seeds), values(a, p -> p.summary().trained().meanReward()));
      ReportPage.series(purity, a.label(seeds), values(a, p -> p.summary().train().purity()));
    }
    page.chart(signal).chart(reward).chart(purity);

    TreeSet<String> seen = new TreeSet<>();
    for (Arm a : arms) {
      boolean merged = a.points().stream().anyMatch(p -> p.summary().merge() != null);
      // Static training merges nothing: no composition to draw.
      if (!merged || !seen.add(a.run().arm())) {
        continue;
      }
      ObjectNode comp = ReportPage.spec("bars", "Composition of D_j+1: " + a.label(seeds), x);
      comp.put("stacked", true).put("xName", "iteration").put("yName", "samples");
      ReportPage.series(comp, "ES", values(a, p -> (double) p.summary().composition().errorSet()));
      ReportPage.series(
          comp, "EE", values(a, p -> (double) p.summary().composition().expansions()));
      ReportPage.series(comp, "HPPL", values(a, p -> (double) p.summary().composition().highPpl()));
      ReportPage.series(
          comp, "SeedNew", values(a, p -> (double) p.summary().composition().seedNew()));
      page.chart(comp);
    }

    page.h2("Arm runs");
    StringBuilder links = new StringBuilder("<ul>");
    for (Arm a : arms) {
      String id = ReportPage.esc(a.run().runId());
      links
          .append("<li><a href=\"../")
          .append(id)
          .append("/report.html\">")
          .append(ReportPage.esc(a.label(seeds)))
          .append("</a>: run ")
          .append(id)
          .append("</li>");
    }
    page.html(links.append("</ul>").toString());
    page.h2("Run specification shared by the arms").pre(request.specJson());
    return page.render();
  }

  private static List<Double> values(Arm a, Function<Point, Double> f) {
    List<Double> out = new ArrayList<>();
    for (Point p : a.points()) {
      out.add(f.apply(p));
    }
    return out;
  }
}
