package dev.looptool.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.agent.DialoguePlan;
import dev.looptool.core.agent.PlanRequest;
import dev.looptool.core.agent.PlannedTurn;
import dev.looptool.core.agent.Shape;
import dev.looptool.core.agent.UserTurn;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.core.schema.SchemaChecker;
import dev.looptool.core.schema.Violation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prompts and strict parsing for the LLM dialogue agents of seed generation: the planner answers a
 * JSON plan that is checked against the catalog, the shape's structure and the tool schemas; the
 * user answers plain text; the tool agent answers a JSON result checked against the tool's result
 * schema. A parse problem is a {@link FormatException} naming the field, so the caller can re-ask.
 */
public final class AgentPrompts {
  private AgentPrompts() {}

  // ---------------------------------------------------------------- planner

  static final String PLANNER_SYSTEM =
      "You design realistic conversations between a user and a tool-calling assistant, for training "
          + "data. You answer with one JSON object only.";

  public static Prompt planner(PlanRequest r, List<ToolSpec> catalog) {
    StringBuilder u = new StringBuilder(2048);
    u.append("## Tools available\n").append(PromptText.tools(catalog)).append("\n\n");
    u.append("## Requirements\n");
    u.append(
        r.shape() == null
            ? "- Choose a shape: single (one call), parallel (several calls at once), multi_step (a second call uses a value from the first call's result), clarify (a required value is missing, so the assistant first asks for it), or no_tool (no tool serves the request).\n"
            : "- Shape: " + r.shape().wireName() + "\n");
    if (!r.focusTools().isEmpty()) {
      u.append("- The calls must use these tools, in this order: ")
          .append(String.join(", ", r.focusTools()))
          .append('\n');
    }
    if (!r.focusParameters().isEmpty()) {
      u.append("- The calls must carry these arguments: ")
          .append(String.join(", ", r.focusParameters()))
          .append('\n');
    }
    if (r.persona() != null) {
      u.append("- User persona: ").append(r.persona()).append('\n');
    }
    if (r.richer()) {
      u.append("- Fill in more of the optional arguments than a minimal call would.\n");
    }
    u.append(
        "- Argument values must satisfy the tool schemas (types, enums, formats) and be concrete and realistic.\n\n");
    u.append("## Answer format\n")
        .append(
            "{\"shape\": \"single|parallel|multi_step|clarify|no_tool\", \"domain\": \"...\", \"persona\": \"...\",\n")
        .append(
            " \"offered_tools\": [names of the tools the assistant is offered: the ones used plus a few distractors],\n")
        .append(
            " \"turns\": [{\"calls\": [{\"name\": \"...\", \"arguments\": {...}}], \"ask_for\": null, \"dependent_parameter\": null, \"source_pointer\": null, \"text\": null}],\n")
        .append(" \"unserved_request\": null}\n")
        .append("single: one turn with one call. parallel: one turn with two or more calls. ")
        .append(
            "multi_step: two turns; the second turn's first call omits \"dependent_parameter\", whose value comes from the JSON pointer \"source_pointer\" (e.g. \"/id\") into the first call's result. ")
        .append(
            "clarify: a first turn with no calls and \"ask_for\" naming the missing required parameter, then a turn with the full call. ")
        .append(
            "no_tool: one turn with no calls and a short refusal in \"text\", and the user's request in \"unserved_request\".");
    return new Prompt(PLANNER_SYSTEM, u.toString());
  }

  /** Reads and checks a planner's answer against the request and the catalog. */
  public static DialoguePlan parsePlan(String answer, PlanRequest r, Map<String, ToolSpec> catalog)
      throws FormatException {
    JsonNode o = LlmJson.firstObject(answer);
    if (o == null) {
      throw new FormatException("$", "the answer holds no JSON object");
    }
    Shape shape;
    try {
      shape = Shape.fromWire(text(o, "shape", true));
    } catch (IllegalArgumentException e) {
      throw new FormatException("shape", e.getMessage());
    }
    if (r.shape() != null && r.shape() != shape) {
      throw new FormatException(
          "shape", "asked for " + r.shape().wireName() + ", got " + shape.wireName());
    }
    JsonNode turnsNode = o.get("turns");
    if (turnsNode == null || !turnsNode.isArray() || turnsNode.isEmpty()) {
      throw new FormatException("turns", "required: a non-empty array");
    }
    List<PlannedTurn> turns = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    for (int i = 0; i < turnsNode.size(); i++) {
      JsonNode t = turnsNode.get(i);
      String path = "turns[" + i + "]";
      List<ToolCall> calls = new ArrayList<>();
      JsonNode cs = t.path("calls");
      for (int j = 0; j < cs.size(); j++) {
        try {
          ObjectNode call = ((ObjectNode) cs.get(j)).deepCopy();
          if (call.path("arguments").isTextual()) {
            call.set("arguments", Json.parse(call.get("arguments").asText()));
          }
          calls.add(
              SampleJson.readLabel(Json.object().set("calls", Json.array().add(call)), path)
                  .calls()
                  .get(0));
        } catch (ClassCastException | java.io.IOException e) {
          throw new FormatException(
              path + ".calls[" + j + "]", "must be {\"name\": ..., \"arguments\": {...}}");
        }
        used.add(calls.get(j).name());
      }
      String dep = text(t, "dependent_parameter", false);
      for (int j = 0; j < calls.size(); j++) {
        ToolCall c = calls.get(j);
        ToolSpec spec = catalog.get(c.name());
        if (spec == null) {
          throw new FormatException(
              path + ".calls[" + j + "].name", "'" + c.name() + "' is not an available tool");
        }
        for (Violation v : SchemaChecker.check(c, spec)) {
          boolean dependentGap =
              j == 0
                  && dep != null
                  && v.kind() == Violation.Kind.MISSING_REQUIRED
                  && v.pointer().equals("/arguments/" + dep);
          if (!dependentGap) {
            throw new FormatException(
                path + ".calls[" + j + "]" + v.pointer().replace('/', '.'), v.message());
          }
        }
      }
      turns.add(
          new PlannedTurn(
              calls,
              text(t, "ask_for", false),
              dep,
              text(t, "source_pointer", false),
              text(t, "text", false)));
    }
    for (String focus : r.focusTools()) {
      if (!used.contains(focus)) {
        throw new FormatException("turns", "the calls must use '" + focus + "'");
      }
    }
    checkShape(shape, turns, text(o, "unserved_request", false));
    List<String> offered = new ArrayList<>();
    for (JsonNode n : o.path("offered_tools")) {
      if (!catalog.containsKey(n.asText())) {
        throw new FormatException("offered_tools", "'" + n.asText() + "' is not an available tool");
      }
      if (!offered.contains(n.asText())) {
        offered.add(n.asText());
      }
    }
    for (String u : used) {
      if (!offered.contains(u)) {
        offered.add(u); // a plan must offer the tools it calls
      }
    }
    if (offered.isEmpty()) {
      throw new FormatException("offered_tools", "a plan must offer at least one tool");
    }
    String persona = text(o, "persona", false);
    return new DialoguePlan(
        shape,
        text(o, "domain", false) == null ? "general" : text(o, "domain", false),
        persona != null ? persona : r.persona() != null ? r.persona() : "general",
        offered,
        turns,
        text(o, "unserved_request", false));
  }

  private static void checkShape(Shape shape, List<PlannedTurn> turns, String unserved)
      throws FormatException {
    PlannedTurn first = turns.get(0);
    switch (shape) {
      case SINGLE:
        if (turns.size() != 1 || first.calls().size() != 1) {
          throw new FormatException("turns", "single: exactly one turn with one call");
        }
        break;
      case PARALLEL:
        if (turns.size() != 1 || first.calls().size() < 2) {
          throw new FormatException("turns", "parallel: exactly one turn with two or more calls");
        }
        break;
      case MULTI_STEP:
        if (turns.size() != 2
            || first.isText()
            || turns.get(1).isText()
            || turns.get(1).dependentParameter() == null
            || turns.get(1).sourcePointer() == null
            || !turns.get(1).sourcePointer().startsWith("/")) {
          throw new FormatException(
              "turns",
              "multi_step: two call turns; the second names dependent_parameter and a source_pointer starting with '/'");
        }
        break;
      case CLARIFY:
        if (turns.size() != 2
            || !first.isText()
            || first.askFor() == null
            || turns.get(1).isText()
            || !turns.get(1).calls().get(0).arguments().has(first.askFor())) {
          throw new FormatException(
              "turns",
              "clarify: a turn with no calls asking for a parameter, then a call that carries it");
        }
        break;
      case NO_TOOL:
        if (turns.size() != 1
            || !first.isText()
            || first.text() == null
            || unserved == null
            || unserved.isBlank()) {
          throw new FormatException(
              "turns", "no_tool: one turn with no calls and a text, and an unserved_request");
        }
        break;
      default:
        throw new FormatException("shape", "unknown shape " + shape);
    }
  }

  private static String text(JsonNode o, String field, boolean required) throws FormatException {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new FormatException(field, "required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new FormatException(field, "must be a string");
    }
    return v.textValue();
  }

  // ---------------------------------------------------------------- user

  static final String USER_SYSTEM =
      "You play the user of an AI assistant that can call tools. Write only the user's next message: "
          + "no quotes, no explanations, never the names of tools or JSON.";

  public static Prompt user(UserTurn t) {
    DialoguePlan plan = t.plan();
    StringBuilder u = new StringBuilder(1024);
    u.append("## You are\n")
        .append(plan.persona())
        .append(" (domain: ")
        .append(plan.domain())
        .append(")\n\n");
    if (!t.history().isEmpty()) {
      u.append("## Conversation so far\n")
          .append(PromptText.conversation(t.history()))
          .append("\n\n");
    }
    u.append("## Task\n");
    if (t.kind() == UserTurn.Kind.SUPPLY_VALUE) {
      PlannedTurn asked = plan.turns().get(t.turnIndex());
      JsonNode value =
          plan.turns().get(t.turnIndex() + 1).calls().get(0).arguments().get(asked.askFor());
      u.append("The assistant asked you for '")
          .append(asked.askFor())
          .append("'. Answer with this value, in your own words: ")
          .append(value == null ? "null" : Json.compact(value));
      return new Prompt(USER_SYSTEM, u.toString());
    }
    switch (plan.shape()) {
      case NO_TOOL:
        u.append("Ask for this, in your own words: ").append(plan.unservedRequest());
        break;
      case CLARIFY:
        u.append("Ask for what this call does, mentioning every argument value EXCEPT '")
            .append(plan.turns().get(0).askFor())
            .append("', which you forget to give:\n")
            .append(calls(plan.turns().get(1).calls()));
        break;
      case MULTI_STEP:
        u.append("Ask, in one message, for what these two steps do. The second step's '")
            .append(plan.turns().get(1).dependentParameter())
            .append(
                "' comes from the first step's result: do not state it, refer to it (e.g. \"that one\").\n")
            .append(calls(plan.turns().get(0).calls()))
            .append('\n')
            .append(calls(plan.turns().get(1).calls()));
        break;
      default:
        u.append("Ask for what these calls do, in one message, mentioning every argument value:\n")
            .append(calls(plan.turns().get(0).calls()));
    }
    return new Prompt(USER_SYSTEM, u.toString());
  }

  private static String calls(List<ToolCall> calls) {
    StringBuilder sb = new StringBuilder();
    for (ToolCall c : calls) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(c.name()).append(' ').append(Json.compact(c.arguments()));
    }
    return sb.toString();
  }

  /** The user's message: reasoning, surrounding quotes and a "User:" label removed; never empty. */
  public static String parseUser(String answer) throws FormatException {
    String s = HermesFormat.stripThinking(answer == null ? "" : answer).strip();
    if (s.regionMatches(true, 0, "user:", 0, 5)) {
      s = s.substring(5).strip();
    }
    if (s.length() >= 2
        && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
      s = s.substring(1, s.length() - 1).strip();
    }
    if (s.isEmpty()) {
      throw new FormatException("$", "the user's message is empty");
    }
    return s;
  }

  // ---------------------------------------------------------------- tool

  static final String TOOL_SYSTEM =
      "You play a software tool (an API). Given the tool's description and a call, answer with the "
          + "tool's result as JSON only: realistic, consistent with the arguments, and matching the "
          + "result schema when one is given.";

  public static Prompt tool(ToolSpec tool, ToolCall call, String previousProblem) {
    StringBuilder u = new StringBuilder(1024);
    u.append("## Tool\n").append(HermesFormat.toolJson(tool)).append("\n\n");
    u.append("## Call\n")
        .append(call.name())
        .append(' ')
        .append(Json.compact(call.arguments()))
        .append("\n\n");
    if (previousProblem != null) {
      u.append("## Your previous result was rejected\n").append(previousProblem).append("\n\n");
    }
    u.append("## Task\nAnswer with the JSON result only.");
    return new Prompt(TOOL_SYSTEM, u.toString());
  }

  /** The tool's result: JSON, matching the result schema when the tool has one. */
  public static JsonNode parseToolResult(String answer, ToolSpec tool) throws FormatException {
    JsonNode v = LlmJson.firstValue(answer);
    if (v == null) {
      throw new FormatException("$", "the tool result is not JSON");
    }
    if (tool.returns() != null && !SchemaChecker.valid(v, tool.returns())) {
      List<Violation> out = new ArrayList<>();
      SchemaChecker.checkValue(v, tool.returns(), "", out);
      throw new FormatException(
          out.isEmpty() ? "$" : out.get(0).pointer(),
          "the result does not match the result schema: " + out);
    }
    return v;
  }
}
