package dev.looptool.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import dev.looptool.core.model.Sample;
import dev.looptool.policy.model.Decoder;
import dev.looptool.policy.model.DecoderConfig;
import dev.looptool.policy.model.Generator;
import dev.looptool.policy.text.Tokenizer;
import dev.looptool.policy.train.Adam;
import dev.looptool.policy.train.Example;
import dev.looptool.policy.train.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Native arrays must not pile up: their count is the same after many training and decoding steps.
 */
class MemoryHygieneTest {
  @Test
  void managedArrayCountIsStableAcrossTrainingAndDecodingSteps() {
    List<Sample> samples = TinyWorld.samples(60, 3);
    PolicyConfig cfg =
        TinyWorld.tiny(1).toBuilder()
            .group(4)
            .batchSize(4)
            .learningRate(1e-3)
            .model(new DecoderConfig(400, 32, 1, 2, 96, 3, 4))
            .maxAnswer(40)
            .build();
    Tokenizer tok = Tokenizer.train(PolicyTrainer.corpus(samples), cfg.model().vocabSize());
    List<Example> ex =
        PolicyTrainer.encode(tok, samples, cfg.model().maxSeq(), cfg.maxAnswer()).examples();
    try (NDManager root = PolicyRuntime.newManager(PolicyRuntime.device(true))) {
      Decoder dec =
          Decoder.initialise(
              new DecoderConfig(tok.vocabSize(), 32, 1, 2, cfg.model().maxSeq(), 3, 4),
              root,
              new Rng(1));
      Adam adam = Adam.standard(root, dec.parameters());
      Rng rng = new Rng(2);
      int[][] prompts = {ex.get(0).prompt(), ex.get(1).prompt(), ex.get(2).prompt()};
      Runnable round =
          () -> {
            for (int i = 0; i < 3; i++) {
              PolicyTrainer.sftStep(
                  dec, adam, root, ex.subList(i * 4, i * 4 + 4), cfg, cfg.learningRate());
            }
            PolicyTrainer.grpoStep(
                dec, null, adam, root, ex.subList(0, 4), cfg, tok, cfg.maxAnswer(), rng);
            Generator.generate(dec, root, prompts, 20, 1.0, null);
          };
      round.run(); // warm-up: lazily created state (optimizer moments' first use) settles here
      int before = root.getManagedArrays().size();
      for (int k = 0; k < 8; k++) {
        round.run();
      }
      assertEquals(before, root.getManagedArrays().size());
      // What survives a step is exactly the weights and the optimizer's two moments per weight.
      assertEquals(3 * dec.parameters().size(), before);
      adam.close();
      dec.close();
    }
  }
}
