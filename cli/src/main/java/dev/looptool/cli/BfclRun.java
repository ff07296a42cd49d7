package dev.looptool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.activities.llm.ChatRequest;
import dev.looptool.activities.llm.ChatResult;
import dev.looptool.activities.llm.OpenAiClient;
import dev.looptool.benchmarks.bfcl.BfclCategory;
import dev.looptool.benchmarks.bfcl.BfclDataset;
import dev.looptool.benchmarks.bfcl.BfclEntry;
import dev.looptool.benchmarks.bfcl.BfclScore;
import dev.looptool.benchmarks.bfcl.BfclScorer;
import dev.looptool.benchmarks.bfcl.BfclTools;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.format.ParsedOutput;
import dev.looptool.core.io.BadDataException;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.io.JsonlWriter;
import dev.looptool.core.io.LineError;
import dev.looptool.core.json.Json;
import dev.looptool.core.llm.EndpointConfig;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.core.store.AtomicFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bfcl run}: evaluates an OpenAI-compatible endpoint on the BFCL-v3 single-turn categories
 * with native tool calling, the way BFCL's function-calling handlers do (dots in function names
 * become underscores, BFCL types become JSON Schema types, Java and JavaScript parameters are
 * strings), writes one result file per category, and scores them with the evaluators' scorer.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate an endpoint on BFCL-v3 (native tool calling) and score it with the v3 aggregates.",
      "Writes OUT/BFCL_v3_<category>.json (lines {\"id\", \"calls\", \"underscore_to_dot\", \"raw\"}) and OUT/score.json.",
      "Multi-turn categories need an executing evaluator and are not run."
    })
final class BfclRun implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LlmEndpointOptions endpoint;

  @Option(
      names = "--data",
      description =
          "BFCL-v3 data directory (default: shared/data/bfcl-v3 or ../shared/data/bfcl-v3, whichever exists).")
  Path data;

  @Option(
      names = "--out",
      required = true,
      description = "Directory for the result files and score.json.")
  Path out;

  @Option(
      names = "--categories",
      split = ",",
      description = "Categories to run (default: every single-turn category in the data).")
  List<String> categories;

  @Option(
      names = "--limit",
      defaultValue = "0",
      description =
          "At most this many entries per category, 0 for all; a limited run is scored over the entries it ran (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--temperature",
      defaultValue = "0",
      description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    Path dir = data != null ? data : defaultData();
    if (dir == null) {
      spec.commandLine()
          .getErr()
          .println(
              "bfcl run: no --data given and neither shared/data/bfcl-v3 nor ../shared/data/bfcl-v3 exists");
      return 2;
    }
    Set<BfclCategory> wanted = EnumSet.noneOf(BfclCategory.class);
    if (categories != null) {
      for (String c : categories) {
        BfclCategory cat = BfclCategory.byId(c.strip()).orElse(null);
        if (cat == null) {
          spec.commandLine().getErr().println("bfcl run: unknown category '" + c + "'");
          return 2;
        }
        if (cat.checker() == BfclCategory.Checker.MULTI_TURN) {
          spec.commandLine()
              .getErr()
              .println(
                  "bfcl run: "
                      + c
                      + " is multi-turn; it needs an executing evaluator and is not run");
          return 2;
        }
        wanted.add(cat);
      }
    }
    BfclDataset dataset;
    EndpointConfig cfg;
    try {
      dataset = wanted.isEmpty() ? BfclDataset.load(dir) : BfclDataset.load(dir, wanted);
      cfg = endpoint.config(temperature);
    } catch (BadDataException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("bfcl run: " + e.getMessage());
      return 2;
    }
    List<BfclCategory> run = new ArrayList<>();
    for (BfclCategory c : dataset.counts().keySet()) {
      if (c.checker() != BfclCategory.Checker.MULTI_TURN
          && (wanted.isEmpty() || wanted.contains(c))) {
        run.add(c);
      }
    }
    Files.createDirectories(out);
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    Map<BfclCategory, BfclScorer.Tally> tallies = new java.util.EnumMap<>(BfclCategory.class);
    try (OpenAiClient client = new OpenAiClient(cfg, "bfcl", new SimpleMeterRegistry())) {
      for (BfclCategory c : run) {
        List<BfclEntry> entries = dataset.entries(c);
        if (limit > 0 && entries.size() > limit) {
          entries = entries.subList(0, limit);
        }
        Map<String, List<Message>> questions = questions(dir.resolve(c.fileName()));
        List<CompletableFuture<ObjectNode>> lines = new ArrayList<>(entries.size());
        for (BfclEntry e : entries) {
          List<Message> q = questions.get(e.id());
          List<ToolSpec> tools = BfclTools.of(e);
          lines.add(
              client
                  .chat(new ChatRequest(q, tools, null, null))
                  .handle(
                      (r, err) -> {
                        if (err != null) {
                          failed.incrementAndGet();
                          Throwable cause = AsyncFailures.cause(err);
                          return resultLine(
                              e.id(),
                              Json.NODES.textNode("request failed: " + cause.getMessage()),
                              "");
                        }
                        return resultLine(e.id(), calls(r), r.content());
                      }));
        }
        List<ObjectNode> results = new ArrayList<>(lines.size());
        lines.forEach(f -> results.add(f.join()));
        AtomicFiles.write(
            out.resolve(c.fileName()),
            os -> {
              JsonlWriter w = new JsonlWriter(os);
              for (ObjectNode n : results) {
                w.write(n);
              }
              w.flush();
            });
        BfclScorer.Tally t = tally(dataset, c, results);
        tallies.put(c, t);
        console.printf(
            Locale.ROOT,
            "%-26s %5d/%-5d %6.2f%%%n",
            c.id(),
            t.correct(),
            t.total(),
            100.0 * t.correct() / Math.max(1, t.total()));
        console.flush();
      }
    }
    BfclScorer scorer = new BfclScorer(dataset);
    BfclScore score = limit > 0 ? scorer.score(tallies) : scorer.score(scorer.tallyResults(out));
    console.println();
    for (BfclScore.Aggregate a : score.aggregates()) {
      console.printf(Locale.ROOT, "%-26s %9s%n", a.name(), a.display());
    }
    CliOut.writeJson(out.resolve("score.json"), score);
    console.printf(
        Locale.ROOT,
        "ran %d categories in %.1f s -> %s%s%n",
        run.size(),
        (System.nanoTime() - start) / 1e9,
        out,
        limit > 0 ? " (limited to " + limit + " entries per category: scored over those)" : "");
    if (failed.get() > 0) {
      spec.commandLine()
          .getErr()
          .printf(
              "bfcl run: %d requests failed after retries; those entries count as wrong. Rerun when the endpoint is healthy.%n",
              failed.get());
      return 1;
    }
    return 0;
  }

  /** Scores the result lines of one category with the evaluators' checker. */
  private static BfclScorer.Tally tally(
      BfclDataset dataset, BfclCategory c, List<ObjectNode> results) {
    dev.looptool.benchmarks.bfcl.BfclChecker checker =
        new dev.looptool.benchmarks.bfcl.BfclChecker();
    int correct = 0;
    for (ObjectNode r : results) {
      if (checker.check(dataset.entry(r.get("id").asText()), r.get("calls"), true).valid()) {
        correct++;
      }
    }
    return new BfclScorer.Tally(correct, results.size());
  }

  private static Path defaultData() {
    for (String p : new String[] {"shared/data/bfcl-v3", "../shared/data/bfcl-v3"}) {
      if (Files.isDirectory(Path.of(p))) {
        return Path.of(p);
      }
    }
    return null;
  }

  static ObjectNode resultLine(String id, JsonNode calls, String raw) {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.set("calls", calls);
    o.put("underscore_to_dot", true);
    o.put("raw", raw);
    return o;
  }

  /**
   * The calls of an answer as the checker reads them: native tool calls, else Hermes blocks in the
   * text (servers without a tool parser), else the text itself, which the checker cannot decode (no
   * call: right for irrelevance, wrong for the AST categories).
   */
  static JsonNode calls(ChatResult r) {
    List<ToolCall> calls = r.toolCalls();
    if (calls.isEmpty() && r.toolCallError() == null) {
      ParsedOutput p = HermesFormat.parse(r.content());
      calls = p.parsed() ? p.calls() : List.of();
    }
    if (calls.isEmpty()) {
      return Json.NODES.textNode(r.toolCallError() != null ? r.toolCallError() : r.content());
    }
    ArrayNode a = Json.array();
    for (ToolCall c : calls) {
      a.addObject().put("name", c.name()).set("arguments", c.arguments());
    }
    return a;
  }

  /** The question of each entry of a question file: its (single) turn's messages. */
  static Map<String, List<Message>> questions(Path file) throws IOException {
    Map<String, List<Message>> out = new HashMap<>();
    List<LineError> errors = new ArrayList<>();
    try (JsonlReader r = JsonlReader.open(file)) {
      while (r.hasNext()) {
        JsonlReader.Line l = r.next();
        if (!l.ok()) {
          errors.add(new LineError(file.toString(), l.number(), "$", l.error()));
          continue;
        }
        JsonNode turn = l.json().path("question").path(0);
        List<Message> msgs = new ArrayList<>();
        for (JsonNode m : turn) {
          Role role = Role.fromWire(m.path("role").asText());
          if (role == null || !m.path("content").isTextual()) {
            errors.add(
                new LineError(
                    file.toString(),
                    l.number(),
                    "question[0]",
                    "each message needs a role and text content"));
            break;
          }
          msgs.add(new Message(role, m.get("content").asText(), List.of(), null, null));
        }
        if (msgs.isEmpty()) {
          errors.add(new LineError(file.toString(), l.number(), "question", "no messages"));
        }
        out.put(l.json().path("id").asText(), msgs);
      }
    }
    if (!errors.isEmpty()) {
      throw new BadDataException(errors);
    }
    return out;
  }
}
