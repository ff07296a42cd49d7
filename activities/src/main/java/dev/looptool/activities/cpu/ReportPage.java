package dev.looptool.activities.cpu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One self-contained report page: headings, tables and charts, with the charting library (Apache
 * ECharts, from its webjar, Apache License 2.0) and the chart code inlined, so the page opens
 * anywhere without a network. Each chart is a JSON description that {@code report-charts.js} draws:
 * the numbers stay readable in the page source, and one script serves every report.
 */
final class ReportPage {
  /** The ECharts version of the webjar on the classpath (activities/pom.xml pins it). */
  static final String ECHARTS_VERSION = "5.3.1";

  private static final String ECHARTS =
      "META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js";
  private static final String ECHARTS_NOTICE =
      "META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/NOTICE";

  private final StringBuilder body = new StringBuilder(16384);
  private final String title;
  private int charts;

  ReportPage(String title) {
    this.title = title;
  }

  ReportPage h1(String text) {
    body.append("<h1>").append(esc(text)).append("</h1>\n");
    return this;
  }

  ReportPage h2(String text) {
    body.append("<h2>").append(esc(text)).append("</h2>\n");
    return this;
  }

  ReportPage paragraph(String text) {
    body.append("<p>").append(esc(text)).append("</p>\n");
    return this;
  }

  /** A paragraph of trusted HTML (links built here, never user text). */
  ReportPage html(String trusted) {
    body.append(trusted).append('\n');
    return this;
  }

  ReportPage pre(String text) {
    body.append("<pre>").append(esc(text)).append("</pre>\n");
    return this;
  }

  ReportPage table(List<String> header, List<List<String>> rows) {
    body.append("<table><tr>");
    header.forEach(h -> body.append("<th>").append(esc(h)).append("</th>"));
    body.append("</tr>\n");
    for (List<String> row : rows) {
      body.append("<tr>");
      row.forEach(c -> body.append("<td>").append(esc(c)).append("</td>"));
      body.append("</tr>\n");
    }
    body.append("</table>\n");
    return this;
  }

  /** A chart drawn by report-charts.js from {@code spec} (see that file for the kinds). */
  ReportPage chart(ObjectNode spec) {
    String id = "chart-" + ++charts;
    String json;
    try {
      json = Json.MAPPER.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a chart description is plain JSON", e);
    }
    body.append("<div class=\"chart\" data-chart=\"")
        .append(id)
        .append("\"></div>\n<script type=\"application/json\" id=\"")
        .append(id)
        .append("\">")
        // "</" would end the script element early.
        .append(json.replace("</", "<\\/"))
        .append("</script>\n");
    return this;
  }

  String render() {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + esc(title)
        + "</title>\n<style>"
        + "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}"
        + "table{border-collapse:collapse;margin:1em 0}"
        + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right;vertical-align:top;"
        + "overflow-wrap:anywhere;max-width:360px}"
        + "th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}"
        + "pre{background:#f7f7f7;padding:1em;overflow:auto}"
        + ".chart{width:100%;max-width:900px;height:340px;margin:1em 0}"
        + "</style>\n<!-- Apache ECharts "
        + ECHARTS_VERSION
        + ", Apache License 2.0: "
        + resource(ECHARTS_NOTICE).replace("--", "- -").trim()
        + " -->\n<script>"
        + resource(ECHARTS)
        + "</script>\n</head><body>\n"
        + body
        + "<script>"
        + resource("dev/looptool/activities/cpu/report-charts.js")
        + "</script>\n</body></html>\n";
  }

  // ---------------------------------------------------------------- chart descriptions

  /** A chart description of {@code kind} with its title, category x values and no series yet. */
  static ObjectNode spec(String kind, String title, List<String> x) {
    ObjectNode o = Json.object();
    o.put("kind", kind);
    o.put("title", title);
    ArrayNode xs = o.putArray("x");
    x.forEach(xs::add);
    o.putArray("series");
    return o;
  }

  /** Adds a series named {@code name} with values {@code y} (null or NaN: no value). */
  static ObjectNode series(ObjectNode spec, String name, List<Double> y) {
    ObjectNode s = ((ArrayNode) spec.get("series")).addObject();
    s.put("name", name);
    numbers(s.putArray("y"), y);
    return s;
  }

  static void numbers(ArrayNode into, List<Double> values) {
    for (Double v : values) {
      if (v == null || v.isNaN() || v.isInfinite()) {
        into.addNull();
      } else {
        into.add(v);
      }
    }
  }

  private static String resource(String name) {
    try (InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + ": not on the classpath (a build problem)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String pct(double x) {
    return Double.isNaN(x) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * x);
  }

  static String fmt(double x) {
    return Double.isNaN(x) ? "–" : String.format(Locale.ROOT, "%.3f", x);
  }

  static String esc(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
