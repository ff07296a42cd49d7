package dev.looptool.core.validate;

import dev.looptool.core.model.JsonSchema;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.core.schema.SchemaChecker;
import dev.looptool.core.schema.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks one decoded sample beyond its JSON shape: tool specs are usable, the context is a
 * conversation the assistant can answer, and every label call and every assistant call in the
 * context satisfies its tool's schema.
 */
public final class SampleValidator {
  private SampleValidator() {}

  /** One problem: the field path inside the sample and what is wrong there. */
  public record Problem(String field, String message) {
    @Override
    public String toString() {
      return field + ": " + message;
    }
  }

  public static List<Problem> validate(Sample s) {
    List<Problem> out = new ArrayList<>(0);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < s.tools().size(); i++) {
      ToolSpec t = s.tools().get(i);
      String path = "tools[" + i + "].function";
      if (!names.add(t.name())) {
        out.add(new Problem(path + ".name", "duplicate tool name '" + t.name() + "'"));
      }
      JsonSchema p = t.parameters();
      String type = p.type();
      if (type != null && !type.equals("object") && !type.equals("dict")) {
        out.add(new Problem(path + ".parameters.type", "must be \"object\", got \"" + type + "\""));
      }
      for (String r : p.required()) {
        if (!p.properties().containsKey(r)) {
          out.add(
              new Problem(
                  path + ".parameters.required",
                  "'" + r + "' is required but not declared in properties"));
        }
      }
    }
    List<Message> msgs = s.messages();
    boolean anyTurn = false;
    for (int j = 0; j < msgs.size(); j++) {
      Message m = msgs.get(j);
      if (m.role() == Role.SYSTEM && j > 0) {
        out.add(new Problem("messages[" + j + "].role", "a system message may only come first"));
      }
      if (m.role() != Role.SYSTEM) {
        anyTurn = true;
      }
      if (m.role() == Role.TOOL && m.content() == null) {
        out.add(
            new Problem("messages[" + j + "].content", "a tool message needs the tool's result"));
      }
      if ((m.role() == Role.USER) && (m.content() == null || m.content().isBlank())) {
        out.add(new Problem("messages[" + j + "].content", "a user message needs text"));
      }
      for (int i = 0; i < m.toolCalls().size(); i++) {
        checkCall(
            m.toolCalls().get(i),
            s.tools(),
            "messages[" + j + "].tool_calls[" + i + "].function",
            out);
      }
    }
    if (!anyTurn) {
      out.add(new Problem("messages", "the context has no user turn to answer"));
    } else {
      Role last = msgs.get(msgs.size() - 1).role();
      if (last == Role.ASSISTANT) {
        out.add(
            new Problem(
                "messages[" + (msgs.size() - 1) + "].role",
                "the context must end with a user or tool turn, not an assistant turn"));
      }
    }
    for (int i = 0; i < s.label().calls().size(); i++) {
      checkCall(s.label().calls().get(i), s.tools(), "label.calls[" + i + "]", out);
    }
    return out;
  }

  private static void checkCall(ToolCall c, List<ToolSpec> tools, String path, List<Problem> out) {
    for (Violation v : SchemaChecker.check(c, tools)) {
      out.add(
          new Problem(
              path + pointerToPath(v.pointer()),
              v.kind().name().toLowerCase() + ": " + v.message()));
    }
  }

  /**
   * Turns "/arguments/a/0/b" into ".arguments.a[0].b" so problems read like the other field paths.
   */
  static String pointerToPath(String pointer) {
    StringBuilder sb = new StringBuilder();
    for (String part : pointer.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      String key = part.replace("~1", "/").replace("~0", "~");
      if (!key.isEmpty() && key.chars().allMatch(Character::isDigit)) {
        sb.append('[').append(key).append(']');
      } else {
        sb.append('.').append(key);
      }
    }
    return sb.toString();
  }
}
