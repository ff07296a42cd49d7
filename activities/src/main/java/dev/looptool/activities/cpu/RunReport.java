package dev.looptool.activities.cpu;

import dev.looptool.workflows.loop.IterationSummary;
import dev.looptool.workflows.stages.ReportRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run's report.html: one self-contained page (no scripts, no external files) per run. */
final class RunReport {
  private RunReport() {}

  static String html(ReportRequest r) {
    List<IterationSummary> its = r.iterations();
    StringBuilder sb = new StringBuilder(8192);
    sb.append(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>looptool run ")
        .append(esc(r.runId()))
        .append("</title>\n<style>")
        .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}")
        .append(
            "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
        .append(
            "th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}pre{background:#f7f7f7;padding:1em;overflow:auto}")
        .append("</style></head><body>\n");
    sb.append("<h1>looptool run ").append(esc(r.runId())).append("</h1>\n");
    sb.append("<h2>Held-out accuracy and label purity</h2>\n").append(chart(its));
    sb.append("<h2>Per iteration</h2>\n<table><tr><th>iteration</th>");
    for (IterationSummary s : its) {
      sb.append("<th>").append(s.iteration()).append("</th>");
    }
    sb.append("</tr>\n");
    row(sb, "held-out ToolMatch accuracy", its, s -> pct(s.eval().accuracy()));
    row(sb, "|D_j| (trained on)", its, s -> Long.toString(s.train().count()));
    row(
        sb,
        "label purity of D_j",
        its,
        s -> s.train().purity() == null ? "–" : pct(s.train().purity()));
    row(
        sb,
        "GRPO steps / last mean reward",
        its,
        s -> s.trained().steps() + " / " + fmt(s.trained().meanReward()));
    row(
        sb,
        "mastered / mismatched",
        its,
        s -> s.probe().mastered() + " / " + s.probe().mismatched());
    row(sb, "mean PPL", its, s -> fmt(s.meanPpl()));
    row(sb, "verdicts", its, s -> verdicts(s.verification().judge().verdicts()));
    row(sb, "labels corrected", its, s -> Long.toString(s.verification().correction().corrected()));
    row(sb, "quarantined", its, s -> Long.toString(s.quarantined()));
    row(
        sb,
        "failures expanded / generated / kept",
        its,
        s ->
            s.expansion().failures()
                + " / "
                + s.expansion().generated()
                + " / "
                + s.expansion().validated());
    row(sb, "D_j+1: errors (ES)", its, s -> Long.toString(s.composition().errorSet()));
    row(sb, "D_j+1: expansions (EE)", its, s -> Long.toString(s.composition().expansions()));
    row(sb, "D_j+1: high-PPL fill", its, s -> Long.toString(s.composition().highPpl()));
    row(sb, "D_j+1: fresh seed", its, s -> Long.toString(s.composition().seedNew()));
    row(
        sb,
        "|D_j+1| / label purity",
        its,
        s -> s.next().count() + " / " + (s.next().purity() == null ? "–" : pct(s.next().purity())));
    sb.append("</table>\n");
    if (!its.isEmpty()) {
      sb.append("<h2>Accuracy by dialogue shape</h2>\n<table><tr><th>shape</th>");
      for (IterationSummary s : its) {
        sb.append("<th>").append(s.iteration()).append("</th>");
      }
      sb.append("</tr>\n");
      for (String shape :
          new java.util.TreeSet<>(its.get(its.size() - 1).eval().byShape().keySet())) {
        row(
            sb,
            shape,
            its,
            s -> s.eval().byShape().containsKey(shape) ? pct(s.eval().byShape().get(shape)) : "–");
      }
      sb.append("</table>\n");
    }
    sb.append("<h2>Run specification</h2>\n<pre>")
        .append(esc(r.specJson()))
        .append("</pre>\n</body></html>\n");
    return sb.toString();
  }

  private static String chart(List<IterationSummary> its) {
    int w = 480;
    int h = 200;
    int pad = 30;
    StringBuilder sb = new StringBuilder();
    sb.append("<svg width=\"")
        .append(w)
        .append("\" height=\"")
        .append(h)
        .append("\" role=\"img\" aria-label=\"accuracy and purity per iteration\">");
    sb.append("<rect x=\"")
        .append(pad)
        .append("\" y=\"10\" width=\"")
        .append(w - 2 * pad)
        .append("\" height=\"")
        .append(h - pad - 10)
        .append("\" fill=\"none\" stroke=\"#ccc\"/>");
    line(sb, its.stream().map(s -> s.eval().accuracy()).toList(), w, h, pad, "#1f77b4");
    line(
        sb,
        its.stream()
            .map(s -> s.train().purity() == null ? Double.NaN : s.train().purity())
            .toList(),
        w,
        h,
        pad,
        "#2ca02c");
    sb.append("<text x=\"")
        .append(pad)
        .append("\" y=\"")
        .append(h - 5)
        .append("\" fill=\"#1f77b4\">accuracy</text>");
    sb.append("<text x=\"")
        .append(pad + 90)
        .append("\" y=\"")
        .append(h - 5)
        .append("\" fill=\"#2ca02c\">label purity</text>");
    return sb.append("</svg>\n").toString();
  }

  private static void line(StringBuilder sb, List<Double> ys, int w, int h, int pad, String color) {
    if (ys.isEmpty()) {
      return;
    }
    StringBuilder pts = new StringBuilder();
    for (int i = 0; i < ys.size(); i++) {
      double y = ys.get(i);
      if (Double.isNaN(y)) {
        continue;
      }
      double x =
          pad + (ys.size() == 1 ? (w - 2 * pad) / 2.0 : i * (w - 2.0 * pad) / (ys.size() - 1));
      double py = 10 + (1 - y) * (h - pad - 10);
      pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, py));
      sb.append(
          String.format(
              Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x, py, color));
    }
    sb.append("<polyline fill=\"none\" stroke=\"")
        .append(color)
        .append("\" points=\"")
        .append(pts.toString().trim())
        .append("\"/>");
  }

  private interface Cell {
    String of(IterationSummary s);
  }

  private static void row(StringBuilder sb, String name, List<IterationSummary> its, Cell cell) {
    sb.append("<tr><td>").append(esc(name)).append("</td>");
    for (IterationSummary s : its) {
      sb.append("<td>").append(esc(cell.of(s))).append("</td>");
    }
    sb.append("</tr>\n");
  }

  private static String verdicts(Map<String, Long> v) {
    if (v == null || v.isEmpty()) {
      return "–";
    }
    StringBuilder sb = new StringBuilder();
    new java.util.TreeMap<>(v)
        .forEach((k, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(n));
    return sb.toString();
  }

  static String pct(double x) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * x);
  }

  static String fmt(double x) {
    return String.format(Locale.ROOT, "%.3f", x);
  }

  static String esc(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
