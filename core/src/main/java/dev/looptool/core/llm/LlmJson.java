package dev.looptool.core.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the JSON a model wrote inside free text: code fences, prose and reasoning around it are
 * skipped.
 */
public final class LlmJson {
  private LlmJson() {}

  /**
   * Every top-level JSON object or array in the text, left to right; text that is not JSON is
   * skipped.
   */
  public static List<JsonNode> values(String text) {
    List<JsonNode> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char ch = text.charAt(i);
      if (ch != '{' && ch != '[') {
        i++;
        continue;
      }
      JsonNode node = null;
      int end = -1;
      try (JsonParser p = Json.MAPPER.getFactory().createParser(text.substring(i))) {
        node = Json.MAPPER.readTree(p);
        end = (int) p.currentLocation().getCharOffset();
      } catch (IOException e) {
        node = null;
      }
      if (node != null && (node.isObject() || node.isArray()) && end > 0) {
        out.add(node);
        i += end;
      } else {
        i++;
      }
    }
    return out;
  }

  /** The first JSON object in a model's answer (reasoning removed), or null. */
  public static JsonNode firstObject(String answer) {
    for (JsonNode n : values(HermesFormat.stripThinking(answer == null ? "" : answer))) {
      if (n.isObject()) {
        return n;
      }
    }
    return null;
  }

  /**
   * The first JSON value of a model's answer: the whole answer if it is JSON, else the first object
   * or array in it.
   */
  public static JsonNode firstValue(String answer) {
    String s = HermesFormat.stripThinking(answer == null ? "" : answer).strip();
    try {
      JsonNode n = Json.parse(s);
      if (n != null) {
        return n;
      }
    } catch (IOException e) {
      // not JSON as a whole: look inside
    }
    List<JsonNode> vs = values(s);
    return vs.isEmpty() ? null : vs.get(0);
  }
}
