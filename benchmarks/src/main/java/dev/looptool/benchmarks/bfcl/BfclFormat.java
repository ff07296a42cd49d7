package dev.looptool.benchmarks.bfcl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.interop.DatasetFormat;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Provenance;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * BFCL-v3 question files ({@code BFCL_v3_<category>.json}) with their possible answers ({@code
 * possible_answer/} beside them) as held-out evaluation samples: the question's one turn as
 * context, the function docs as tools (converted as BFCL's FC handlers do, {@link BfclTools}), and
 * the ground truth's first acceptable answer as label ({@link BfclFormatLabel}). Every acceptable
 * value stays in {@code meta.bfcl.possibleAnswer} for an evaluator that scores with BFCL's rules.
 *
 * <p>The category comes from the entry id, as BFCL derives it (the file name when the id names
 * none), so each record is judged alone: entries that are no single-turn call with JSON arguments
 * (multi-turn, Java, JavaScript, live_relevance) are rejected one by one with the reason, which the
 * import summary counts once per kind. Irrelevance entries expect no call: their label is the empty
 * text answer, which ToolMatch (like BFCL's irrelevance checker) counts as matched by any answer
 * without a call; BFCL gives no reference text and the label invents none.
 */
public final class BfclFormat implements DatasetFormat {
  public static final String NAME = "bfcl";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "BFCL-v3 question files with possible_answer/ beside them, as held-out evaluation"
        + " sets (import only)";
  }

  @Override
  public boolean recognizes(JsonNode record) {
    return record != null && record.isObject() && record.has("question") && record.has("function");
  }

  @Override
  public RecordReader open(Path file) {
    BfclFormatAnswers answers = BfclFormatAnswers.beside(file);
    String fileName = file.getFileName().toString();
    return (record, id) -> read(record, id, fileName, answers);
  }

  /** A record read without its file: only entries that need no possible answer convert. */
  @Override
  public List<Sample> read(JsonNode record, String id) throws FormatException {
    return read(record, id, null, BfclFormatAnswers.NONE);
  }

  private static List<Sample> read(
      JsonNode record, String id, String fileName, BfclFormatAnswers answers)
      throws FormatException {
    if (record == null || !record.isObject()) {
      throw new FormatException("$", "must be an object {id, question, function}");
    }
    JsonNode idNode = record.get("id");
    if (idNode == null || !idNode.isTextual() || idNode.textValue().isEmpty()) {
      throw new FormatException("id", "required: the BFCL entry id, e.g. simple_0");
    }
    String sourceId = idNode.textValue();
    BfclCategory category = category(sourceId, fileName);
    refuseUnsupported(category, sourceId);
    List<Message> messages = messages(record.get("question"));
    List<JsonNode> functions = functions(record.get("function"));

    ObjectNode bfcl = Json.object();
    bfcl.put("category", category.id());
    Label label;
    BfclEntry entry;
    if (category.checker() == BfclCategory.Checker.IRRELEVANCE) {
      entry = new BfclEntry(sourceId, category, functions, null);
      label = Label.ofText("");
    } else {
      if (functions.isEmpty()) {
        // Irrelevance entries may offer no function; an expected call needs one.
        throw new FormatException("function", "lists no function doc, so no call can be expected");
      }
      JsonNode gt = answers.of(sourceId);
      if (gt == null) {
        throw new FormatException(
            "id", "no possible answer for '" + sourceId + "' (" + answers.where() + ")");
      }
      String where = "(possible answer of '" + sourceId + "' " + answers.where() + ")";
      BfclFormatLabel.checkShape(gt, where);
      List<JsonNode> calls = new ArrayList<>(gt.size());
      gt.forEach(calls::add);
      entry = new BfclEntry(sourceId, category, functions, calls);
      label = Label.ofCalls(BfclFormatLabel.calls(entry, where));
      bfcl.set("possibleAnswer", gt.deepCopy());
    }
    List<ToolSpec> tools = BfclTools.of(entry);

    ObjectNode meta = Json.object();
    meta.put("source", NAME);
    meta.put("sourceId", sourceId);
    meta.set("bfcl", bfcl);
    return List.of(new Sample(id, tools, messages, label, Provenance.imported(), meta));
  }

  /** The category the id starts with, as BFCL reads it; else the one the file is named after. */
  static BfclCategory category(String id, String fileName) throws FormatException {
    BfclCategory best = null;
    for (BfclCategory c : BfclCategory.values()) {
      String prefix = c.id() + "_";
      if (id.startsWith(prefix)
          && id.length() > prefix.length()
          && Character.isDigit(id.charAt(prefix.length()))
          && (best == null || c.id().length() > best.id().length())) {
        best = c;
      }
    }
    if (best != null) {
      return best;
    }
    for (BfclCategory c : BfclCategory.values()) {
      if (c.fileName().equals(fileName)) {
        return c;
      }
    }
    throw new FormatException(
        "id",
        "'"
            + id
            + "' names no BFCL-v3 category (ids are <category>_<number>, e.g. simple_0) and the"
            + " file is not named BFCL_v3_<category>.json");
  }

  private static void refuseUnsupported(BfclCategory c, String id) throws FormatException {
    String why =
        switch (c.checker()) {
          case MULTI_TURN ->
              "it has several user turns, judged by executing the calls against BFCL's API"
                  + " classes, not one labelled answer";
          case RELEVANCE ->
              "any call counts as correct and there is no ground truth, so there is no label"
                  + " to hold out";
          default ->
              c.language() == BfclCategory.Language.PYTHON
                  ? null
                  : "its answers are "
                      + (c.language() == BfclCategory.Language.JAVA ? "Java" : "JavaScript")
                      + " source literals in strings, which a JSON comparison cannot score;"
                      + " evaluate it with looptool bfcl run";
        };
    if (why != null) {
      throw new FormatException(
          "id",
          "'" + id + "' is a " + c.id() + " entry, which cannot be a held-out sample: " + why);
    }
  }

  private static List<Message> messages(JsonNode question) throws FormatException {
    if (question == null || !question.isArray()) {
      throw new FormatException("question", "required: a list holding one turn of messages");
    }
    if (question.size() != 1) {
      throw new FormatException(
          "question", "has " + question.size() + " turns; a single-turn entry has exactly one");
    }
    JsonNode turn = question.get(0);
    if (!turn.isArray() || turn.isEmpty()) {
      throw new FormatException(
          "question[0]", "must be a non-empty list of messages {role, content}");
    }
    List<Message> out = new ArrayList<>(turn.size());
    for (int j = 0; j < turn.size(); j++) {
      out.add(SampleJson.readMessage(turn.get(j), "question[0][" + j + "]"));
    }
    return out;
  }

  private static List<JsonNode> functions(JsonNode function) throws FormatException {
    if (function == null || !function.isArray()) {
      throw new FormatException("function", "required: a list of function docs");
    }

    List<JsonNode> out = new ArrayList<>(function.size());
    for (int i = 0; i < function.size(); i++) {
      JsonNode f = function.get(i);
      String path = "function[" + i + "]";
      if (!f.isObject()) {
        throw new FormatException(path, "must be a function doc {name, description, parameters}");
      }
      JsonNode name = f.get("name");
      if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
        throw new FormatException(path + ".name", "required: the function's name");
      }
      JsonNode params = f.get("parameters");
      if (params != null && !params.isObject()) {
        throw new FormatException(
            path + ".parameters", "must be an object {type, properties, required}");
      }
      out.add(f);
    }
    return out;
  }
}
