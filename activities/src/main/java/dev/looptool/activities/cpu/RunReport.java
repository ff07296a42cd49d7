package dev.looptool.activities.cpu;

import static dev.looptool.activities.cpu.ReportPage.fmt;
import static dev.looptool.activities.cpu.ReportPage.pct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.activities.common.RunFiles;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.LabelChange;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.Sample;
import dev.looptool.core.stats.Accuracy;
import dev.looptool.core.store.ArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.workflows.loop.IterationSummary;
import dev.looptool.workflows.stages.ReportRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The run's report.html: held-out accuracy with its interval, label purity, the composition of each
 * next dataset, the verdicts, GRPO's reward and signal per step, accuracy by dialogue shape, a few
 * corrected labels side by side, the per-iteration table and the spec.
 */
final class RunReport {
  /** How many corrected labels the report shows. */
  static final int CORRECTIONS_SHOWN = 6;

  private RunReport() {}

  static String html(ReportRequest r, ArtifactStore store) throws IOException {
    List<IterationSummary> its = r.iterations();
    List<String> x = its.stream().map(s -> Integer.toString(s.iteration())).toList();
    ReportPage page = new ReportPage("looptool run " + r.runId());
    page.h1("looptool run " + r.runId());
    if (!its.isEmpty()) {
      IterationSummary last = its.get(its.size() - 1);
      Accuracy a = accuracy(last);
      page.paragraph(
          "Held-out ToolMatch accuracy after iteration "
              + last.iteration()
              + ": "
              + pct(a.value())
              + " (95 % interval "
              + pct(a.low())
              + " to "
              + pct(a.high())
              + ", "
              + a.n()
              + " samples).");
    }

    ObjectNode acc = ReportPage.spec("lines", "Held-out ToolMatch accuracy, 95 % interval", x);
    acc.put("percent", true).put("scale", true).put("xName", "iteration");
    withInterval(ReportPage.series(acc, "accuracy", map(its, s -> s.eval().accuracy())), its);
    page.chart(acc);

    ObjectNode purity = ReportPage.spec("lines", "Label purity (against the world's truth)", x);
    purity.put("percent", true).put("scale", true).put("xName", "iteration");
    ReportPage.series(purity, "D_j (trained on)", map(its, s -> s.train().purity()));
    ReportPage.series(purity, "D_j+1 (merged)", map(its, s -> s.next().purity()));
    page.chart(purity);

    ObjectNode comp = ReportPage.spec("bars", "Composition of D_j+1", x);
    comp.put("stacked", true).put("xName", "iteration").put("yName", "samples");
    ReportPage.series(comp, "ES: corrected errors", map(its, s -> s.composition().errorSet()));
    ReportPage.series(comp, "EE: expansions", map(its, s -> s.composition().expansions()));
    ReportPage.series(
        comp, "HPPL: high-perplexity mastered", map(its, s -> s.composition().highPpl()));
    ReportPage.series(comp, "SeedNew: fresh seed", map(its, s -> s.composition().seedNew()));
    page.chart(comp);

    TreeSet<String> verdicts = new TreeSet<>();
    its.forEach(s -> verdicts.addAll(s.verification().judge().verdicts().keySet()));
    if (!verdicts.isEmpty()) {
      ObjectNode v = ReportPage.spec("bars", "Judge verdicts on the mismatches", x);
      v.put("stacked", true).put("xName", "iteration").put("yName", "mismatches");
      for (String verdict : verdicts) {
        ReportPage.series(
            v,
            verdict,
            map(its, s -> s.verification().judge().verdicts().getOrDefault(verdict, 0L)));
      }
      page.chart(v);
    }

    stepCharts(page, its, store);

    TreeSet<String> shapes = new TreeSet<>();
    its.forEach(s -> shapes.addAll(s.eval().byShape().keySet()));
    if (!shapes.isEmpty()) {
      ObjectNode by =
          ReportPage.spec("bars", "Held-out accuracy by dialogue shape", List.copyOf(shapes));
      by.put("percent", true).put("yMin", 0).put("yMax", 1);
      for (IterationSummary s : its) {
        ReportPage.series(
            by,
            "iteration " + s.iteration(),
            shapes.stream().map(k -> s.eval().byShape().get(k)).toList());
      }
      page.chart(by);
    }

    page.h2("Per iteration");
    page.table(header(its), table(its));
    corrections(page, its, r.runId(), store);
    page.h2("Run specification").pre(r.specJson());
    return page.render();
  }

  /** GRPO's mean reward, share of informative groups and loss per step, one line per iteration. */
  private static void stepCharts(ReportPage page, List<IterationSummary> its, ArtifactStore store)
      throws IOException {
    ObjectNode reward = ReportPage.spec("steps", "GRPO mean reward per step", List.of());
    ObjectNode signal =
        ReportPage.spec(
            "steps", "GRPO signal: share of prompt groups with unequal rewards", List.of());
    ObjectNode loss = ReportPage.spec("steps", "GRPO loss per step", List.of());
    reward.put("yMin", 0).put("yMax", 1);
    signal.put("percent", true).put("yMin", 0).put("yMax", 1);
    boolean any = false;
    for (IterationSummary s : its) {
      String key = s.trained().traceKey();
      if (key == null || !Files.isRegularFile(store.path(key))) {
        continue;
      }
      any = true;
      JsonNode steps = Json.MAPPER.readTree(store.path(key).toFile()).get("steps");
      String name = "iteration " + s.iteration();
      stepSeries(reward, name, steps, st -> st.get("reward"));
      stepSeries(
          signal,
          name,
          steps,
          st ->
              st.get("groups").asInt() == 0
                  ? null
                  : Json.MAPPER
                      .getNodeFactory()
                      .numberNode(
                          st.get("informativeGroups").asDouble() / st.get("groups").asInt()));
      stepSeries(loss, name, steps, st -> st.get("loss"));
    }
    if (any) {
      page.chart(reward).chart(signal).chart(loss);
    }
  }

  private static void stepSeries(
      ObjectNode spec, String name, JsonNode steps, Function<JsonNode, JsonNode> value) {
    ObjectNode s = ((ArrayNode) spec.get("series")).addObject();
    s.put("name", name);
    ArrayNode xs = s.putArray("x");
    ArrayNode ys = s.putArray("y");
    for (JsonNode st : steps) {
      JsonNode v = value.apply(st);
      xs.add(st.get("step").asLong());
      if (v == null || v.isNull()) {
        ys.addNull();
      } else {
        ys.add(v.asDouble());
      }
    }
  }

  /** A few labels the judge corrected, as they were and as they are, from the last iterations. */
  private static void corrections(
      ReportPage page, List<IterationSummary> its, String runId, ArtifactStore store) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = its.size() - 1; i >= 0 && rows.size() < CORRECTIONS_SHOWN; i--) {
      int j = its.get(i).iteration();
      String key = new RunLayout(runId).iteration(j).errors();
      if (!Files.isRegularFile(store.path(key))) {
        continue;
      }
      for (Sample s : RunFiles.readAll(store, key)) {
        List<LabelChange> history = s.provenance().labelHistory();
        if (history.isEmpty() || history.get(history.size() - 1).iteration() != j) {
          continue;
        }
        LabelChange change = history.get(history.size() - 1);
        rows.add(
            List.of(
                Integer.toString(j),
                s.id(),
                lastUserTurn(s),
                label(change.previous()),
                label(s.label()),
                change.reason() == null ? "" : change.reason()));
        if (rows.size() >= CORRECTIONS_SHOWN) {
          break;
        }
      }
    }
    if (!rows.isEmpty()) {
      page.h2("Corrected labels (the judge found the label wrong and the prediction right)");
      page.table(
          List.of("iteration", "sample", "request", "label before", "label after", "judge"), rows);
    }
  }

  private static String lastUserTurn(Sample s) {
    for (int i = s.messages().size() - 1; i >= 0; i--) {
      Message m = s.messages().get(i);
      if (m.role() == Role.USER && m.content() != null) {
        String c = m.content();
        return c.length() > 200 ? c.substring(0, 200) + "…" : c;
      }
    }
    return "";
  }

  private static String label(Label l) {
    return l.calls() != null && !l.calls().isEmpty()
        ? SampleJson.callsToJson(l.calls())
        : l.text() == null ? "(no call)" : "text: " + l.text();
  }

  static Accuracy accuracy(IterationSummary s) {
    return Accuracy.of(Math.round(s.eval().accuracy() * s.eval().samples()), s.eval().samples());
  }

  private static void withInterval(ObjectNode series, List<IterationSummary> its) {
    ReportPage.numbers(series.putArray("low"), map(its, s -> accuracy(s).low()));
    ReportPage.numbers(series.putArray("high"), map(its, s -> accuracy(s).high()));
  }

  private static List<Double> map(
      List<IterationSummary> its, Function<IterationSummary, Number> f) {
    List<Double> out = new ArrayList<>(its.size());
    for (IterationSummary s : its) {
      Number n = f.apply(s);
      out.add(n == null ? null : n.doubleValue());
    }
    return out;
  }

  private static List<String> header(List<IterationSummary> its) {
    List<String> h = new ArrayList<>();
    h.add("iteration");
    its.forEach(s -> h.add(Integer.toString(s.iteration())));
    return h;
  }

  private static List<List<String>> table(List<IterationSummary> its) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(row("held-out ToolMatch accuracy", its, s -> pct(s.eval().accuracy())));
    rows.add(
        row("95 % interval", its, s -> pct(accuracy(s).low()) + " – " + pct(accuracy(s).high())));
    rows.add(row("|D_j| (trained on)", its, s -> Long.toString(s.train().count())));
    rows.add(
        row(
            "label purity of D_j",
            its,
            s -> s.train().purity() == null ? "–" : pct(s.train().purity())));
    rows.add(
        row(
            "GRPO steps / mean reward",
            its,
            s -> s.trained().steps() + " / " + fmt(s.trained().meanReward())));
    rows.add(
        row(
            "GRPO groups with unequal rewards",
            its,
            s ->
                s.trained().informativeShare() == null
                    ? "–"
                    : pct(s.trained().informativeShare())));
    rows.add(
        row(
            "mastered / mismatched",
            its,
            s -> s.probe().mastered() + " / " + s.probe().mismatched()));
    rows.add(row("mean PPL", its, s -> fmt(s.meanPpl())));
    rows.add(
        row(
            "labels corrected",
            its,
            s -> Long.toString(s.verification().correction().corrected())));
    rows.add(row("quarantined", its, s -> Long.toString(s.quarantined())));
    rows.add(
        row(
            "failures expanded / generated / kept",
            its,
            s ->
                s.expansion().failures()
                    + " / "
                    + s.expansion().generated()
                    + " / "
                    + s.expansion().validated()));
    rows.add(
        row(
            "|D_j+1| / label purity",
            its,
            s ->
                s.next().count()
                    + " / "
                    + (s.next().purity() == null ? "–" : pct(s.next().purity()))));
    return rows;
  }

  private static List<String> row(
      String name, List<IterationSummary> its, Function<IterationSummary, String> cell) {
    List<String> r = new ArrayList<>();
    r.add(name);
    its.forEach(s -> r.add(cell.apply(s)));
    return r;
  }
}
