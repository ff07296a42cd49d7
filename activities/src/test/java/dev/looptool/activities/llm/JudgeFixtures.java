package dev.looptool.activities.llm;

import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.judge.JudgeRequest;
import dev.looptool.core.llm.LlmFixtures;
import dev.looptool.core.model.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * Mismatches for the judge tests: varied cities and units, some predictions identical to the label.
 */
final class JudgeFixtures {
  private JudgeFixtures() {}

  static final String[] CITIES = {
    "Paris", "Oslo", "Rome", "Lima", "Kyiv", "Doha", "Bern", "Riga", "Quito", "Accra", "Hanoi",
    "Porto"
  };

  /** n requests; every {@code identicalEvery}-th prediction equals its label (0: none). */
  static List<JudgeRequest> requests(int n, int identicalEvery) {
    List<JudgeRequest> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String city = CITIES[i % CITIES.length];
      Sample s = LlmFixtures.sample("s" + i, city, i % 2 == 0 ? "celsius" : null);
      String pred;
      if (identicalEvery > 0 && i % identicalEvery == 0) {
        pred = HermesFormat.assistantText(null, s.label().calls());
      } else if (i % 7 == 3) {
        pred = "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": ";
      } else {
        pred =
            "<think>hm</think>"
                + HermesFormat.callBlock(
                    LlmFixtures.weather(
                        CITIES[(i * 5 + 1) % CITIES.length], i % 3 == 0 ? "fahrenheit" : null))
                + " #"
                + i;
      }
      out.add(new JudgeRequest(s, pred, HermesFormat.parse(pred), 1));
    }
    return out;
  }
}
