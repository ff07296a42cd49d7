package dev.looptool.core.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.format.LoopToolRecords;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Sample;
import java.util.List;
import java.util.Map;

/**
 * Rows for verl's RL trainers in the shape the LoopTool authors feed verl ({@code
 * json2parquet.py}): {@code data_source}, {@code prompt} as a system message (the record's
 * instruction) and a user message (its input), {@code ability}, {@code reward_model: {style: rule,
 * ground_truth: output}} and {@code extra_info} with the split, the index and the record's three
 * strings. Written as JSON Lines; a trainer-side script turns them into Parquet ({@code
 * pandas.read_json(lines=True) .to_parquet}). {@code data_source} selects the reward function in
 * verl's default scorer: set it to the name the trainer's reward is registered under (the authors'
 * fork uses {@code toolace}).
 */
public final class VerlFormat implements WritableFormat {
  public static final String NAME = "verl";

  private final String dataSource;
  private final String split;
  private final String ability;

  public VerlFormat() {
    this("looptool", "train", "tool_calling");
  }

  private VerlFormat(String dataSource, String split, String ability) {
    this.dataSource = dataSource;
    this.split = split;
    this.ability = ability;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "verl RL rows {data_source, prompt, ability, reward_model, extra_info}"
        + " (settings: data_source, split, ability)";
  }

  @Override
  public DatasetFormat with(Map<String, String> settings) {
    String ds = dataSource;
    String sp = split;
    String ab = ability;
    for (Map.Entry<String, String> e : settings.entrySet()) {
      switch (e.getKey()) {
        case "data_source" -> ds = e.getValue();
        case "split" -> sp = e.getValue();
        case "ability" -> ab = e.getValue();
        default ->
            throw new IllegalArgumentException(
                "verl has no setting '" + e.getKey() + "' (settings: data_source, split, ability)");
      }
    }
    return new VerlFormat(ds, sp, ab);
  }

  @Override
  public boolean recognizes(JsonNode record) {
    return record != null && record.has("prompt") && record.has("reward_model");
  }

  /** Reads a row back through the record kept in {@code extra_info}, or its prompt and truth. */
  @Override
  public List<Sample> read(JsonNode record, String id) throws FormatException {
    JsonNode extra = record.path("extra_info");
    ObjectNode r = Json.object();
    if (extra.has("instruction") && extra.has("output")) {
      r.set("instruction", extra.get("instruction"));
      r.set("input", extra.get("input"));
      r.set("output", extra.get("output"));
    } else {
      JsonNode prompt = record.get("prompt");
      if (prompt == null || !prompt.isArray() || prompt.size() != 2) {
        throw new FormatException(
            "prompt", "must be [system message, user message] when extra_info has no record");
      }
      r.set("instruction", prompt.get(0).get("content"));
      r.set("input", prompt.get(1).get("content"));
      r.set("output", record.path("reward_model").get("ground_truth"));
    }
    Sample s;
    try {
      s = LoopToolRecords.toSample(LoopToolRecords.readRecord(r), id);
    } catch (FormatException e) {
      throw new FormatException(
          (extra.has("instruction") ? "extra_info." : "") + e.field(), e.getMessage());
    }
    s.meta().put("source", NAME);
    if (extra.has("index")) {
      s.meta().set("sourceId", extra.get("index"));
    }
    return List.of(s);
  }

  @Override
  public JsonNode write(Sample sample, long index) {
    LoopToolRecords.Record r = LoopToolRecords.toRecord(sample);
    ObjectNode row = Json.object();
    row.put("data_source", dataSource);
    ArrayNode prompt = row.putArray("prompt");
    prompt.addObject().put("role", "system").put("content", r.instruction());
    prompt.addObject().put("role", "user").put("content", r.input());
    row.put("ability", ability);
    row.putObject("reward_model").put("style", "rule").put("ground_truth", r.output());
    ObjectNode extra = row.putObject("extra_info");
    extra.put("split", split);
    extra.put("instruction", r.instruction());
    extra.put("index", index);
    extra.put("input", r.input());
    extra.put("output", r.output());
    return row;
  }
}
