package dev.looptool.world;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.agent.Shape;
import dev.looptool.core.expand.ScenarioVariation;
import dev.looptool.core.io.BadDataException;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.io.LineError;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.match.ToolMatch;
import dev.looptool.core.model.JsonSchema;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The truth lookup (sample id → {@link TruthRecord}) that only the simulated judge, validator,
 * generator and the metrics read, loaded from truth files ({@code truth.jsonl}, one record a line).
 * Thread-safe: the simulated generator adds the truth of the samples it writes.
 */
public final class Truth {
  private final Map<String, TruthRecord> records = new ConcurrentHashMap<>();

  public Truth() {}

  /** Loads truth files; bad lines fail the load with FILE:LINE: field: message. */
  public static Truth load(Path... files) throws IOException {
    Truth t = new Truth();
    for (Path f : files) {
      t.addFile(f);
    }
    return t;
  }

  /** Adds every record of a truth file (later records replace earlier ones with the same id). */
  public void addFile(Path file) throws IOException {
    List<LineError> errors = new ArrayList<>();
    try (JsonlReader r = JsonlReader.open(file)) {
      while (r.hasNext()) {
        JsonlReader.Line line = r.next();
        if (!line.ok()) {
          errors.add(new LineError(file.toString(), line.number(), "$", line.error()));
          continue;
        }
        try {
          add(fromJson(line.json()));
        } catch (FormatException e) {
          errors.add(new LineError(file.toString(), line.number(), e.field(), e.getMessage()));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new BadDataException(errors);
    }
  }

  public void add(TruthRecord r) {
    records.put(r.id(), r);
  }

  /** The record of a sample, or null. */
  public TruthRecord get(String id) {
    return records.get(id);
  }

  /** The record of a sample; a sample the world did not make is a caller error. */
  public TruthRecord require(String id) {
    TruthRecord r = records.get(id);
    if (r == null) {
      throw new IllegalArgumentException(
          "no truth for sample '"
              + id
              + "': it was not made by this world (or its truth file was not loaded)");
    }
    return r;
  }

  public int size() {
    return records.size();
  }

  /**
   * Whether an answer is a correct one for the truth: a text answer when the truth is text; else
   * the same calls as the truth under ToolMatch once each call's omitted optional arguments are
   * read as their declared defaults (so spelling out a default is not an error).
   */
  public static boolean correct(Label answer, TruthRecord truth, List<ToolSpec> tools) {
    return correct(answer.calls(), truth, tools);
  }

  public static boolean correct(List<ToolCall> calls, TruthRecord truth, List<ToolSpec> tools) {
    if (truth.label().isText()) {
      return calls.isEmpty();
    }
    if (calls.size() != truth.label().calls().size()) {
      return false;
    }
    return ToolMatch.matches(
        withDefaults(calls, tools), withDefaults(truth.label().calls(), tools));
  }

  /**
   * Label purity of a set of samples: how many carry a true label, and how many the truth lacks.
   */
  public record Purity(long samples, long correct, long unknown) {
    /** The fraction of known samples whose label is true (1 when there are none). */
    public double rate() {
      long known = samples - unknown;
      return known == 0 ? 1.0 : correct / (double) known;
    }
  }

  /** Measures label purity, e.g. of a training set before and after an iteration's corrections. */
  public Purity purity(Iterable<dev.looptool.core.model.Sample> samples) {
    long n = 0;
    long ok = 0;
    long unknown = 0;
    for (dev.looptool.core.model.Sample s : samples) {
      n++;
      TruthRecord t = records.get(s.id());
      if (t == null) {
        unknown++;
      } else if (correct(s.label(), t, s.tools())) {
        ok++;
      }
    }
    return new Purity(n, ok, unknown);
  }

  static List<ToolCall> withDefaults(List<ToolCall> calls, List<ToolSpec> tools) {
    List<ToolCall> out = new ArrayList<>(calls.size());
    for (ToolCall c : calls) {
      ToolSpec spec = null;
      for (ToolSpec t : tools) {
        if (t.name().equals(c.name())) {
          spec = t;
          break;
        }
      }
      if (spec == null) {
        out.add(c);
        continue;
      }
      ObjectNode a = null;
      for (Map.Entry<String, JsonSchema> e : spec.parameters().properties().entrySet()) {
        JsonNode def = e.getValue().defaultValue();
        if (def != null && !c.arguments().has(e.getKey())) {
          if (a == null) {
            a = c.arguments().deepCopy();
          }
          a.set(e.getKey(), def);
        }
      }
      out.add(a == null ? c : new ToolCall(c.name(), a));
    }
    return out;
  }

  // ---------------------------------------------------------------- JSON

  /**
   * Writes records as truth-file lines (e.g. the truth of a shard of expansions, as an {@code
   * ArtifactStore.Body}: {@code out -> Truth.writeLines(records, out)}). Does not close the stream.
   */
  public static void writeLines(Iterable<TruthRecord> records, java.io.OutputStream out)
      throws IOException {
    JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.setPrettyPrinter(new com.fasterxml.jackson.core.util.MinimalPrettyPrinter("\n"));
    boolean any = false;
    for (TruthRecord r : records) {
      write(r, g);
      any = true;
    }
    if (any) {
      g.writeRaw('\n');
    }
    g.flush();
  }

  /** One truth line, compact, fields in a fixed order. */
  public static String toJson(TruthRecord r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      write(r, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  public static void write(TruthRecord r, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", r.id());
    g.writeStringField("split", r.split().wireName());
    g.writeStringField("shape", r.shape().wireName());
    g.writeStringField("domain", r.domain());
    g.writeArrayFieldStart("plan_tools");
    for (String t : r.planTools()) {
      g.writeString(t);
    }
    g.writeEndArray();
    g.writeNumberField("turn", r.turn());
    if (r.askFor() != null) {
      g.writeStringField("ask_for", r.askFor());
    }
    g.writeFieldName("label");
    SampleJson.writeLabel(r.label(), g);
    if (r.noise() != null) {
      g.writeStringField("noise", r.noise().wireName());
      g.writeBooleanField("noise_invalid", r.noiseInvalid());
    }
    if (r.parentId() != null) {
      g.writeStringField("parent_id", r.parentId());
      g.writeNumberField("iteration", r.iteration());
      g.writeNumberField("attempt", r.attempt());
    }
    if (r.variation() != null) {
      g.writeStringField("variation", r.variation().name().toLowerCase(Locale.ROOT));
    }
    if (!r.focus().isEmpty()) {
      g.writeArrayFieldStart("focus");
      for (String f : r.focus()) {
        g.writeString(f);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  public static TruthRecord fromJson(JsonNode n) throws FormatException {
    if (n == null || !n.isObject()) {
      throw new FormatException("$", "a truth record must be a JSON object");
    }
    String id = text(n, "id", true);
    Split split;
    Shape shape;
    try {
      split = Split.fromWire(text(n, "split", true));
    } catch (IllegalArgumentException e) {
      throw new FormatException("split", e.getMessage());
    }
    try {
      shape = Shape.fromWire(text(n, "shape", true));
    } catch (IllegalArgumentException e) {
      throw new FormatException("shape", e.getMessage());
    }
    JsonNode label = n.get("label");
    if (label == null || label.isNull()) {
      throw new FormatException("label", "required: the true label");
    }
    NoiseKind noise = null;
    String noiseText = text(n, "noise", false);
    if (noiseText != null) {
      try {
        noise = NoiseKind.fromWire(noiseText);
      } catch (IllegalArgumentException e) {
        throw new FormatException("noise", e.getMessage());
      }
    }
    ScenarioVariation variation = null;
    String v = text(n, "variation", false);
    if (v != null) {
      try {
        variation = ScenarioVariation.valueOf(v.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new FormatException("variation", "unknown scenario variation '" + v + "'");
      }
    }
    return new TruthRecord(
        id,
        split,
        shape,
        text(n, "domain", false),
        strings(n, "plan_tools"),
        n.path("turn").asInt(0),
        text(n, "ask_for", false),
        SampleJson.readLabel(label, "label"),
        noise,
        n.path("noise_invalid").asBoolean(false),
        text(n, "parent_id", false),
        n.path("iteration").asInt(0),
        n.path("attempt").asInt(0),
        variation,
        strings(n, "focus"));
  }

  private static List<String> strings(JsonNode n, String key) throws FormatException {
    List<String> out = new ArrayList<>();
    JsonNode f = n.get(key);
    if (f == null || f.isNull()) {
      return out;
    }
    if (!f.isArray()) {
      throw new FormatException(key, "must be an array of strings");
    }
    for (Iterator<JsonNode> it = f.elements(); it.hasNext(); ) {
      out.add(it.next().asText());
    }
    return out;
  }

  private static String text(JsonNode n, String key, boolean required) throws FormatException {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        throw new FormatException(key, "required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new FormatException(key, "must be a string");
    }
    return v.textValue();
  }
}
