package dev.looptool.policy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.looptool.core.io.BadInputException;
import dev.looptool.core.json.Json;
import org.junit.jupiter.api.Test;

class DecoderConfigTest {
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
    try (ai.djl.ndarray.NDManager root =
        dev.looptool.policy.PolicyRuntime.newManager(
            dev.looptool.policy.PolicyRuntime.device(true))) {
      Decoder plain =
          Decoder.initialise(
              new DecoderConfig(40, 16, 1, 2, 32, 1), root, new dev.looptool.policy.train.Rng(1));
      Decoder trigram =
          Decoder.initialise(
              new DecoderConfig(40, 16, 1, 2, 32, 3), root, new dev.looptool.policy.train.Rng(1));
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
    try (ai.djl.ndarray.NDManager root =
        dev.looptool.policy.PolicyRuntime.newManager(
            dev.looptool.policy.PolicyRuntime.device(true))) {
      Decoder without =
          Decoder.initialise(
              new DecoderConfig(40, 16, 1, 2, 32, 1), root, new dev.looptool.policy.train.Rng(1));
      Decoder with =
          Decoder.initialise(
              new DecoderConfig(40, 16, 1, 2, 32, 1, 8),
              root,
              new dev.looptool.policy.train.Rng(1));
      assertEquals(without.parameterCount() + 9L * 16, with.parameterCount());
    }
  }

  @Test
  void ngramOutsideOneToEightIsRefused() {
    assertThrows(BadInputException.class, () -> new DecoderConfig(40, 16, 1, 2, 32, 9));
  }
}
