package dev.looptool.core.interop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Provenance;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole conversations and samples. A sample is a context and the next assistant answer; a
 * conversation in a public dataset holds one such answer per assistant turn, so importing it gives
 * one sample per assistant turn (each with the turns before it), and exporting a sample gives the
 * conversation of its context followed by its label as the last assistant turn.
 */
public final class Conversations {
  private Conversations() {}

  /**
   * One sample per assistant turn of {@code conversation}, each with the turns before it as context
   * and that turn as label, ids from {@link #ids}; {@code meta} is copied into each.
   *
   * @param field the record's field that holds the turns, for errors
   * @throws FormatException when the conversation has no assistant turn
   */
  public static List<Sample> samples(
      List<ToolSpec> tools, List<Message> conversation, String id, ObjectNode meta, String field)
      throws FormatException {
    List<Integer> answers = new ArrayList<>();
    for (int i = 0; i < conversation.size(); i++) {
      if (conversation.get(i).role() == Role.ASSISTANT) {
        answers.add(i);
      }
    }
    if (answers.isEmpty()) {
      throw new FormatException(field, "has no assistant turn, so there is no answer to learn");
    }
    return samplesAt(tools, conversation, answers, id, meta);
  }

  /**
   * One sample per given position of an assistant turn (a format may keep some assistant turns as
   * context only), each with the turns before it as context.
   */
  public static List<Sample> samplesAt(
      List<ToolSpec> tools,
      List<Message> conversation,
      List<Integer> answers,
      String id,
      ObjectNode meta) {
    List<String> ids = ids(id, answers.size());
    List<Sample> out = new ArrayList<>(answers.size());
    for (int k = 0; k < answers.size(); k++) {
      int at = answers.get(k);
      out.add(
          new Sample(
              ids.get(k),
              tools,
              conversation.subList(0, at),
              label(conversation.get(at)),
              Provenance.imported(),
              meta == null ? null : meta.deepCopy()));
    }
    return out;
  }

  /** The ids of the {@code n} samples of one record: the record's id alone, or id-1 … id-n. */
  public static List<String> ids(String id, int n) {
    if (n == 1) {
      return List.of(id);
    }
    List<String> out = new ArrayList<>(n);
    for (int k = 1; k <= n; k++) {
      out.add(id + "-" + k);
    }
    return out;
  }

  /** An assistant turn as a label: its calls (with any text beside them) or its text. */
  public static Label label(Message assistant) {
    String text = assistant.content();
    if (assistant.hasToolCalls()) {
      return new Label(assistant.toolCalls(), text == null || text.isEmpty() ? null : text);
    }
    return Label.ofText(text == null ? "" : text);
  }

  /** A label as the assistant turn that says it. */
  public static Message answer(Label label) {
    return new Message(Role.ASSISTANT, label.text(), label.calls(), null, null);
  }

  /** A sample as a whole conversation: its context, then its label as the last assistant turn. */
  public static List<Message> conversation(Sample s) {
    List<Message> out = new ArrayList<>(s.messages().size() + 1);
    out.addAll(s.messages());
    out.add(answer(s.label()));
    return out;
  }
}
