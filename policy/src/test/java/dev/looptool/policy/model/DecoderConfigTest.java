package dev.looptool.policy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import dev.looptool.core.io.BadInputException;
import dev.looptool.core.json.Json;
import dev.looptool.policy.PolicyRuntime;
import dev.looptool.policy.train.Rng;
import org.junit.jupiter.api.Test;

class DecoderConfigTest {
  private static NDManager cpuManager() {
    return PolicyRuntime.newManager(PolicyRuntime.device(true));
  }

  /** A freshly initialised decoder of {@code config}, its weights drawn with seed 1. */
  private static Decoder decoder(DecoderConfig config, NDManager root) {
    return Decoder.initialise(config, root, new Rng(1));
  }

  @Test
  void aCheckpointWrittenBeforeNgramInputsLoadsAsThePlainModel() throws Exception {
    DecoderConfig old =
        Json.MAPPER.readValue(
            "{\"vocabSize\":300,\"dModel\":48,\"layers\":1,\"heads\":2,\"maxSeq\":144}",
            DecoderConfig.class);
    assertEquals(new DecoderConfig(300, 48, 1, 2, 144, 1), old);
  }

  @Test
  void eachNgramTokenBeyondTheFirstAddsAnEmbeddingTable() {
    try (NDManager root = cpuManager()) {
      Decoder plain = decoder(new DecoderConfig(40, 16, 1, 2, 32, 1), root);
      Decoder trigram = decoder(new DecoderConfig(40, 16, 1, 2, 32, 3), root);
      assertEquals(plain.parameterCount() + 2L * 40 * 16, trigram.parameterCount());
      assertEquals(
          java.util.List.of("tok_emb", "pos_emb", "prev1_emb", "prev2_emb"),
          trigram.names().subList(0, 4));
    }
  }

  @Test
  void aCheckpointWrittenBeforeCallIndicesLoadsWithoutThem() throws Exception {
    DecoderConfig old =
        Json.MAPPER.readValue(
            "{\"vocabSize\":300,\"dModel\":48,\"layers\":1,\"heads\":2,\"maxSeq\":144,\"ngram\":4}",
            DecoderConfig.class);
    assertEquals(0, old.callIndex());
    try (NDManager root = cpuManager()) {
      Decoder without = decoder(new DecoderConfig(40, 16, 1, 2, 32, 1), root);
      Decoder with = decoder(new DecoderConfig(40, 16, 1, 2, 32, 1, 8), root);
      assertEquals(without.parameterCount() + 9L * 16, with.parameterCount());
    }
  }

  @Test
  void ngramOutsideOneToEightIsRefused() {
    assertThrows(BadInputException.class, () -> new DecoderConfig(40, 16, 1, 2, 32, 9));
  }
}
