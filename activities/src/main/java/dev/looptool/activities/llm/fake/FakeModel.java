package dev.looptool.activities.llm.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.llm.GeneratorPrompt;
import dev.looptool.core.llm.JudgePrompt;
import dev.looptool.core.llm.ValidatorPrompt;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.Sample;
import dev.looptool.core.store.Sha256;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deterministic "model" behind the fake server: it recognises looptool's judge, validator and
 * generator prompts and answers each from a hash of the prompt's content, so that a run with
 * injected faults must reach exactly the verdicts of a fault-free run. The judge answers
 * consistently across orders (it decides about the two responses, not their positions), except for
 * a deliberate share that is position-biased or unparseable, so every consensus path occurs.
 */
public final class FakeModel {
  private FakeModel() {}

  /** The assistant content for a chat request body. */
  public static String chat(JsonNode body) {
    String user = lastUser(body.path("messages"));
    if (user.contains(JudgePrompt.A_OPEN) && user.contains(JudgePrompt.B_OPEN)) {
      return judge(
          between(user, JudgePrompt.A_OPEN, JudgePrompt.A_CLOSE),
          between(user, JudgePrompt.B_OPEN, JudgePrompt.B_CLOSE));
    }
    if (user.contains(ValidatorPrompt.RESPONSE_OPEN)) {
      return validate(between(user, ValidatorPrompt.RESPONSE_OPEN, ValidatorPrompt.RESPONSE_CLOSE));
    }
    if (user.contains(GeneratorPrompt.SOURCE_OPEN)) {
      return generate(
          between(user, GeneratorPrompt.SOURCE_OPEN, GeneratorPrompt.SOURCE_CLOSE), user);
    }
    return "I am a fake model; I only answer looptool's judge, validator and generator prompts.";
  }

  static String judge(String a, String b) {
    String lo = a.compareTo(b) <= 0 ? a : b;
    String hi = a.compareTo(b) <= 0 ? b : a;
    int r = Math.floorMod(Sha256.of(lo + "\u0000" + hi).hashCode(), 20);
    if (r == 0) {
      return "Hard to say; both look plausible to me.";
    }
    if (r == 1) {
      return "A_WRONG\nResponse A looks off (this fake judge always blames the first response here).";
    }
    if (r <= 3) {
      return "BOTH_CORRECT\nBoth responses answer the request.";
    }
    if (r <= 5) {
      return "BOTH_WRONG\nNeither response calls the tool the request needs.";
    }
    // Decide about the responses themselves, so both orders blame the same one.
    boolean aWrong = Sha256.of(a).compareTo(Sha256.of(b)) < 0;
    return (aWrong ? "A_WRONG" : "B_WRONG")
        + "\nThe "
        + (aWrong ? "first" : "second")
        + " response uses argument values the conversation does not support.";
  }

  static String validate(String response) {
    return Math.floorMod(Sha256.of(response).hashCode(), 10) == 0
        ? "INCORRECT\nThe call does not follow from the request."
        : "CORRECT\nThe call follows from the request.";
  }

  private static final Pattern COUNT = Pattern.compile("Write (\\d+) new case");
  private static final Pattern ATTEMPT = Pattern.compile("\\(attempt (\\d+)\\)");

  static String generate(String sourceJson, String prompt) {
    Sample source;
    try {
      source = SampleJson.read(Json.parse(sourceJson));
    } catch (FormatException | java.io.IOException e) {
      return "I could not read the source case: " + e.getMessage();
    }
    int count = intOf(COUNT, prompt, 1);
    int attempt = intOf(ATTEMPT, prompt, 0);
    ArrayNode out = Json.array();
    for (int i = 0; i < count; i++) {
      ObjectNode item = out.addObject();
      ArrayNode msgs = (ArrayNode) SampleJson.toTree(source).get("messages").deepCopy();
      List<Message> ms = source.messages();
      for (int j = ms.size() - 1; j >= 0; j--) {
        if (ms.get(j).role() == Role.USER) {
          ((ObjectNode) msgs.get(j))
              .put("content", ms.get(j).content() + " (variant " + attempt + "." + i + ")");
          break;
        }
      }
      item.set("messages", msgs);
      item.set("label", SampleJson.toTree(source).get("label"));
    }
    return "Here are the new cases:\n```json\n" + Json.compact(out) + "\n```";
  }

  /**
   * A completion for a raw prompt: a call of the first tool in the prompt's tools block with no
   * arguments (or a short text when there are none), split into 4-character tokens whose
   * log-probabilities are fixed by position.
   */
  public static FakeCompletion complete(String prompt) {
    String text;
    try {
      List<JsonNode> tools = HermesFormat.toolLines(prompt);
      text =
          tools.isEmpty()
              ? "I cannot help with that."
              : "<tool_call>\n{\"name\": \""
                  + tools.get(0).path("function").path("name").asText()
                  + "\", \"arguments\": {}}\n</tool_call>";
    } catch (java.io.IOException e) {
      text = "I cannot read the tools.";
    }
    return FakeCompletion.of(text);
  }

  /** A completion's text with its tokens and their log-probabilities. */
  public record FakeCompletion(String text, List<String> tokens, List<Double> logprobs) {
    /** Splits the text in 4-character tokens with log-probabilities -0.1, -0.2, -0.3, -0.1, ... */
    public static FakeCompletion of(String text) {
      java.util.ArrayList<String> tokens = new java.util.ArrayList<>();
      java.util.ArrayList<Double> lps = new java.util.ArrayList<>();
      for (int i = 0; i < text.length(); i += 4) {
        tokens.add(text.substring(i, Math.min(text.length(), i + 4)));
        lps.add(-0.1 * (1 + (tokens.size() - 1) % 3));
      }
      return new FakeCompletion(text, tokens, lps);
    }
  }

  private static int intOf(Pattern p, String s, int dflt) {
    Matcher m = p.matcher(s);
    return m.find() ? Integer.parseInt(m.group(1)) : dflt;
  }

  private static String lastUser(JsonNode messages) {
    String last = "";
    for (JsonNode m : messages) {
      if ("user".equals(m.path("role").asText())) {
        last = m.path("content").asText("");
      }
    }
    return last;
  }

  private static String between(String s, String open, String close) {
    int o = s.indexOf(open);
    int c = s.indexOf(close, o + open.length());
    return o < 0 || c < 0 ? "" : s.substring(o + open.length(), c).strip();
  }
}
