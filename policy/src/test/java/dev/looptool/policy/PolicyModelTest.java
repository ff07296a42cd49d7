package dev.looptool.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.match.ToolMatch;
import dev.looptool.core.model.Sample;
import dev.looptool.core.policy.ProbeResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probing and evaluation of a (barely) trained checkpoint: bookkeeping that must hold for any
 * model.
 */
class PolicyModelTest {
  @TempDir static Path tmp;
  static Path out;

  @BeforeAll
  static void train() throws IOException {
    out = tmp.resolve("model");
    PolicyTrainer.sft(TinyWorld.samples(64, 1), null, out, TinyWorld.tiny(20), null);
  }

  @Test
  void probeResultsComeBackInInputOrderWithConsistentPplAndVerdicts() throws IOException {
    List<Sample> data = TinyWorld.samples(30, 8);
    try (PolicyModel m = PolicyModel.load(out, true, 7)) {
      List<ProbeResult> rs = m.probe(data);
      assertEquals(data.size(), rs.size());
      for (int i = 0; i < rs.size(); i++) {
        ProbeResult r = rs.get(i);
        assertEquals(data.get(i).id(), r.id());
        assertTrue(r.tokens() > 0);
        assertEquals(Math.exp(-r.sumLogProb() / r.tokens()), r.ppl(), 1e-9);
        assertTrue(r.ppl() >= 1.0);
        assertTrue(r.minLogProb() <= r.sumLogProb() / r.tokens() + 1e-12);
        assertEquals(ToolMatch.matches(r.prediction(), data.get(i).label()), r.mastered());
        assertEquals(HermesFormat.parse(r.prediction()).parsed(), r.parseError() == null);
      }
      // Batching must not change greedy results: one at a time gives the same predictions.
      for (int i = 0; i < 5; i++) {
        ProbeResult alone = m.probe(List.of(data.get(i))).get(0);
        assertEquals(rs.get(i).prediction(), alone.prediction());
        assertEquals(rs.get(i).sumLogProb(), alone.sumLogProb(), 1e-3);
      }
    }
  }

  @Test
  void evaluationCountsByShape() throws IOException {
    List<Sample> data = TinyWorld.samples(40, 9);
    try (PolicyModel m = PolicyModel.load(out)) {
      PolicyModel.Evaluation ev = m.evaluate(data);
      assertEquals(40, ev.samples());
      int n = 0;
      int matched = 0;
      for (PolicyModel.Evaluation.Group g : ev.byShape().values()) {
        n += g.samples();
        matched += g.matched();
      }
      assertEquals(40, n);
      assertEquals(ev.matched(), matched);
      assertEquals((double) ev.matched() / 40, ev.accuracy(), 1e-12);
      assertTrue(ev.byShape().keySet().containsAll(List.of("single", "parallel", "clarify")));
    }
  }
}
