package dev.looptool.workflows.stages;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Verdict counts over all judge shards (by verdict name, sorted) and how many had consensus. */
public record JudgeTotals(Map<String, Long> verdicts, long consensus) {
  /** Nothing judged (no JGLV, or the static baseline). */
  public static final JudgeTotals NONE = new JudgeTotals(Map.of(), 0);

  public JudgeTotals {
    verdicts =
        Collections.unmodifiableSortedMap(new TreeMap<>(verdicts == null ? Map.of() : verdicts));
  }

  /** The totals of {@code shards}. */
  public static JudgeTotals sum(List<JudgeShardResult> shards) {
    Map<String, Long> verdicts = new TreeMap<>();
    long consensus = 0;
    for (JudgeShardResult r : shards) {
      r.verdicts().forEach((k, v) -> verdicts.merge(k, v, Long::sum));
      consensus += r.consensus();
    }
    return new JudgeTotals(verdicts, consensus);
  }
}
