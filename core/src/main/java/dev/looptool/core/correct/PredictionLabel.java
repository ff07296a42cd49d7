package dev.looptool.core.correct;

import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.format.ParsedOutput;
import dev.looptool.core.model.Label;

/**
 * The label a model's prediction stands for: what replaces a label judged LABEL_WRONG, and the
 * wrong answer a failure shows the generator.
 */
public final class PredictionLabel {
  private PredictionLabel() {}

  /**
   * The prediction's calls (with its text when there is any), or its text when it makes none. An
   * output whose call blocks do not parse is its text with the thinking removed.
   */
  public static Label of(String prediction) {
    ParsedOutput p = HermesFormat.parse(prediction);
    if (!p.parsed()) {
      return Label.ofText(HermesFormat.stripThinking(prediction).strip());
    }
    return p.calls().isEmpty()
        ? Label.ofText(p.text())
        : new Label(p.calls(), p.text().isEmpty() ? null : p.text());
  }
}
