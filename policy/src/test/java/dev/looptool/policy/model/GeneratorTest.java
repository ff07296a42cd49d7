package dev.looptool.policy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.looptool.policy.PolicyRuntime;
import dev.looptool.policy.text.Tokenizer;
import dev.looptool.policy.train.Rng;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The KV-cache decoder against the plain teacher-forced forward pass it must agree with. */
class GeneratorTest {
  static NDManager root;
  static Decoder dec;

  @BeforeAll
  static void model() {
    root = PolicyRuntime.newManager(PolicyRuntime.device(true));
    dec = Decoder.initialise(new DecoderConfig(64, 32, 2, 4, 48, 3), root, new Rng(7));
  }

  @AfterAll
  static void close() {
    dec.close();
    root.close();
  }

  static int[][] prompts() {
    Rng r = new Rng(3);
    int[][] p = new int[3][];
    int[] lens = {5, 11, 8};
    for (int i = 0; i < 3; i++) {
      p[i] = new int[lens[i]];
      p[i][0] = 1;
      for (int j = 1; j < lens[i]; j++) {
        p[i][j] = 8 + r.nextInt(56);
      }
    }
    return p;
  }

  @Test
  void cachedBatchedGreedyDecodingAgreesWithFullForwardPerRow() {
    int[][] prompts = prompts();
    Generator.Completion[] comps = Generator.generate(dec, root, prompts, 12, 1.0, null);
    for (int r = 0; r < prompts.length; r++) {
      int[] seq = new int[prompts[r].length + comps[r].tokens().length];
      System.arraycopy(prompts[r], 0, seq, 0, prompts[r].length);
      System.arraycopy(comps[r].tokens(), 0, seq, prompts[r].length, comps[r].tokens().length);
      try (NDManager m = root.newSubManager()) {
        long[] ids = new long[seq.length];
        for (int i = 0; i < seq.length; i++) {
          ids[i] = seq[i];
        }
        NDArray lp =
            dec.forward(
                    m.create(ids, new Shape(1, seq.length)),
                    Decoder.positions(m, seq.length),
                    Decoder.causalBias(m, seq.length),
                    null)
                .logSoftmax(2);
        float[] all = lp.toFloatArray();
        int v = dec.config().vocabSize();
        for (int k = 0; k < comps[r].tokens().length; k++) {
          int pos = prompts[r].length - 1 + k;
          int best = Generator.argmax(all, pos * v, v);
          assertEquals(best, comps[r].tokens()[k], "row " + r + " token " + k);
          assertEquals(
              all[pos * v + best], comps[r].logProbs()[k], 1e-4, "row " + r + " log-prob " + k);
        }
      }
    }
  }

  @Test
  void callIndicesCountTheAnswersCallOpeningsUpToTheCap() {
    int a = Tokenizer.ANSWER;
    int o = Tokenizer.CALL_OPEN;
    int c = Tokenizer.CALL_CLOSE;
    // An earlier assistant turn's call in the prompt does not count; the answer's third call shares
    // index 2.
    long[] ids = {0, 1, 4, 20, o, 21, c, a, o, 22, c, o, 23, c, o, 24};
    long[] expected = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2};
    try (NDManager m = root.newSubManager()) {
      NDArray got = Decoder.callIndices(m.create(ids, new Shape(1, ids.length)), 2, null);
      assertEquals(
          java.util.Arrays.toString(expected), java.util.Arrays.toString(got.toLongArray()));
      // Fed in pieces through a cache, the running counts carry over.
      try (KvCache cache = new KvCache(m, 1)) {
        long[] pieces = new long[ids.length];
        int from = 0;
        for (int to : new int[] {8, 9, 12, 16}) {
          long[] part = java.util.Arrays.copyOfRange(ids, from, to);
          System.arraycopy(
              Decoder.callIndices(m.create(part, new Shape(1, part.length)), 2, cache)
                  .toLongArray(),
              0,
              pieces,
              from,
              part.length);
          from = to;
        }
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(pieces));
      }
    }
  }

  @Test
  void aModelWithCallIndicesDecodesAsItsFullForwardPassScoresAcrossCalls() {
    try (Decoder withCalls =
        Decoder.initialise(new DecoderConfig(64, 32, 2, 4, 48, 3, 2), root, new Rng(8))) {
      assertEquals("call_emb", withCalls.names().get(4));
      int[] seq = {
        1,
        4,
        30,
        31,
        Tokenizer.ANSWER,
        Tokenizer.CALL_OPEN,
        40,
        Tokenizer.CALL_CLOSE,
        Tokenizer.CALL_OPEN,
        41,
        42,
        Tokenizer.CALL_CLOSE,
        Tokenizer.CALL_OPEN,
        43
      };
      int prompt = 5;
      try (NDManager m = root.newSubManager()) {
        long[] ids = java.util.Arrays.stream(seq).asLongStream().toArray();
        float[] full =
            withCalls
                .forward(
                    m.create(ids, new Shape(1, seq.length)),
                    Decoder.positions(m, seq.length),
                    Decoder.causalBias(m, seq.length),
                    null)
                .toFloatArray();
        int v = 64;
        try (KvCache cache = new KvCache(m, 2)) {
          long[] head = java.util.Arrays.copyOf(ids, prompt);
          float[] out =
              withCalls
                  .forward(
                      m.create(head, new Shape(1, prompt)),
                      Decoder.positions(m, prompt),
                      Decoder.causalBias(m, prompt),
                      cache)
                  .toFloatArray();
          assertEquals(full[(prompt - 1) * v + 9], out[(prompt - 1) * v + 9], 1e-4);
          for (int j = prompt; j < seq.length; j++) {
            float[] step =
                withCalls
                    .forward(
                        m.create(new long[] {seq[j]}, new Shape(1, 1)),
                        m.create(new long[] {j}, new Shape(1, 1)),
                        m.zeros(new Shape(1, 1, 1, j + 1)),
                        cache)
                    .toFloatArray();
            for (int t = 0; t < v; t++) {
              assertEquals(full[j * v + t], step[t], 1e-4, "position " + j + " token " + t);
            }
          }
        }
      }
    }
  }

  @Test
  void samplingIsReproducibleFromTheRngStateAndRespectsTheBudget() {
    int[][] prompts = prompts();
    Generator.Completion[] a = Generator.generate(dec, root, prompts, 9, 1.0, new Rng(11));
    Generator.Completion[] b = Generator.generate(dec, root, prompts, 9, 1.0, new Rng(11));
    Generator.Completion[] c = Generator.generate(dec, root, prompts, 9, 1.0, new Rng(12));
    boolean differs = false;
    for (int r = 0; r < prompts.length; r++) {
      assertEquals(
          java.util.Arrays.toString(a[r].tokens()), java.util.Arrays.toString(b[r].tokens()));
      assertTrue(a[r].tokens().length <= 9);
      differs |= !java.util.Arrays.equals(a[r].tokens(), c[r].tokens());
      for (double lp : a[r].logProbs()) {
        assertTrue(lp <= 0 && lp > -50, "log-prob " + lp);
      }
    }
    assertTrue(differs, "another seed should sample something else from an untrained model");
  }

  @Test
  void logProbAndGumbelHelpersAgreeWithTheirDefinitions() {
    float[] logits = {1f, 2f, 3f};
    double z = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    assertEquals(3 - z, Generator.logProb(logits, 0, 3, 2, 1.0), 1e-9);
    double z2 = Math.log(Math.exp(0.5) + Math.exp(1) + Math.exp(1.5));
    assertEquals(0.5 - z2, Generator.logProb(logits, 0, 3, 0, 2.0), 1e-9);
    int[] counts = new int[3];
    Rng r = new Rng(5);
    for (int i = 0; i < 30000; i++) {
      counts[Generator.gumbelMax(logits, 0, 3, 1.0, r)]++;
    }
    double p2 = Math.exp(3 - z);
    assertEquals(p2, counts[2] / 30000.0, 0.02, "Gumbel-max should sample from the softmax");
  }
}
