package dev.looptool.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.json.Json;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.policy.TrainingProgress;
import dev.looptool.policy.model.DecoderConfig;
import dev.looptool.policy.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTrainerTest {
  @TempDir Path tmp;

  /** Thrown by a listener to stand for a worker that dies (or a cancelled activity) mid-run. */
  static final class Killed extends RuntimeException {}

  static TrainingProgress.Listener killAt(long step) {
    return p -> {
      if (p.step() == step) {
        throw new Killed();
      }
    };
  }

  static byte[] bytes(Path p) throws IOException {
    return Files.readAllBytes(p);
  }

  @Test
  void sftLowersTheLossAndReportsEveryStep() throws IOException {
    List<TrainingProgress> seen = new ArrayList<>();
    PolicyTrainer.Result r =
        PolicyTrainer.sft(
            TinyWorld.samples(64, 1), null, tmp.resolve("out"), TinyWorld.tiny(30), seen::add);
    assertEquals(30, seen.size());
    assertEquals(
        List.of(1L, 2L, 3L),
        seen.subList(0, 3).stream().map(TrainingProgress::step).collect(Collectors.toList()));
    double first = (seen.get(0).loss() + seen.get(1).loss()) / 2;
    double last = (seen.get(28).loss() + seen.get(29).loss()) / 2;
    // The learning rate warms up over the first 3 of these 30 steps and decays after.
    assertTrue(last < first * 0.9, "loss should fall: " + first + " -> " + last);
    assertTrue(seen.get(29).tokensPerSecond() > 0);
    assertNotNull(seen.get(4).checkpoint(), "checkpointEvery=5 writes at step 5");
    assertEquals(tmp.resolve("out").resolve("step-0000030"), r.checkpoint());
    try (Stream<Path> s = Files.list(tmp.resolve("out"))) {
      // keepCheckpoints=2 prunes older steps; no temporary directory survives.
      List<String> names =
          s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
      assertEquals(
          List.of("step-0000025", "step-0000030"),
          names.stream()
              .filter(n -> !n.equals(PolicyTrainer.REJECTS))
              .collect(Collectors.toList()));
      assertEquals(64, r.examples() + r.rejected());
    }
  }

  @Test
  void sftLearningRateWarmsUpLinearlyThenDecaysToATenth() {
    assertEquals(1e-3 / 200, PolicyTrainer.sftLearningRate(1e-3, 0, 4000), 1e-12);
    assertEquals(1e-3 / 2, PolicyTrainer.sftLearningRate(1e-3, 99, 4000), 1e-12);
    assertEquals(1e-3, PolicyTrainer.sftLearningRate(1e-3, 200, 4000), 1e-12);
    assertEquals(0.55e-3, PolicyTrainer.sftLearningRate(1e-3, 2100, 4000), 1e-9);
    assertEquals(1e-4, PolicyTrainer.sftLearningRate(1e-3, 4000, 4000), 1e-12);
    // A short run warms up over a tenth of its steps.
    assertEquals(1e-3 / 3, PolicyTrainer.sftLearningRate(1e-3, 0, 30), 1e-12);
  }

  @Test
  void aKilledSftRunResumesToBitIdenticalWeights() throws IOException {
    List<Sample> data = TinyWorld.samples(48, 2);
    PolicyConfig cfg = TinyWorld.tiny(12).toBuilder().checkpointEvery(4).build();
    Path whole = tmp.resolve("whole");
    Path broken = tmp.resolve("broken");
    PolicyTrainer.sft(data, null, whole, cfg, null);
    assertThrows(Killed.class, () -> PolicyTrainer.sft(data, null, broken, cfg, killAt(6)));
    assertEquals(broken.resolve("step-0000004"), Checkpoint.latest(broken));
    List<Long> resumedSteps = new ArrayList<>();
    PolicyTrainer.sft(data, null, broken, cfg, p -> resumedSteps.add(p.step()));
    assertEquals(5L, resumedSteps.get(0), "resumes after the last checkpoint");
    assertArrayEquals(
        bytes(whole.resolve("step-0000012/weights.bin")),
        bytes(broken.resolve("step-0000012/weights.bin")));
    assertArrayEquals(
        bytes(whole.resolve("step-0000012/optimizer.bin")),
        bytes(broken.resolve("step-0000012/optimizer.bin")));
    // Called once more, a finished run does nothing and keeps its result.
    List<Long> again = new ArrayList<>();
    PolicyTrainer.Result r = PolicyTrainer.sft(data, null, broken, cfg, p -> again.add(p.step()));
    assertTrue(again.isEmpty());
    assertEquals(12, r.steps());
  }

  /**
   * Text-label samples: an untrained model already earns reward by ending without a call, so GRPO
   * has signal.
   */
  static List<Sample> clarifyOnly(int n) {
    return TinyWorld.samples(n * 5, 9).stream()
        .filter(s -> s.label().isText())
        .limit(n)
        .collect(Collectors.toList());
  }

  @Test
  void grpoStartsFromTheInitWeightsWithAFreshOptimizerAndResumesExactly() throws IOException {
    List<Sample> data = clarifyOnly(24);
    Path init = tmp.resolve("init");
    // Short answers suffice for text labels; a small answer budget keeps sampling cheap.
    PolicyTrainer.sft(
        data,
        null,
        init,
        TinyWorld.tiny(3).toBuilder()
            .model(new DecoderConfig(400, 32, 1, 2, 96, 3, 4))
            .maxAnswer(24)
            .build(),
        null);
    PolicyConfig cfg =
        TinyWorld.tiny(6).toBuilder().batchSize(4).group(4).checkpointEvery(2).build();
    Path whole = tmp.resolve("grpo-whole");
    List<TrainingProgress> seen = new ArrayList<>();
    PolicyTrainer.grpo(data, init, whole, cfg, seen::add);
    assertEquals(6, seen.size());
    double rewards = 0;
    for (TrainingProgress p : seen) {
      assertEquals("grpo", p.phase());
      assertTrue(p.meanReward() >= 0 && p.meanReward() <= 1);
      rewards += p.meanReward();
    }
    assertTrue(rewards > 0, "some sampled answers should end without a call");
    Checkpoint.Loaded done = Checkpoint.read(whole);
    Checkpoint.Loaded start = Checkpoint.read(init);
    // The optimizer restarted at GRPO (SFT's 3 updates are not carried over); weights moved.
    assertTrue(
        done.state().optimizerUpdates() <= 6L * cfg.updatesPerBatch()
            && done.state().optimizerUpdates() > 0);
    assertFalse(java.util.Arrays.equals(done.weights().get(0), start.weights().get(0)));

    Path broken = tmp.resolve("grpo-broken");
    assertThrows(Killed.class, () -> PolicyTrainer.grpo(data, init, broken, cfg, killAt(3)));
    PolicyTrainer.grpo(data, init, broken, cfg, null);
    assertArrayEquals(
        bytes(whole.resolve("step-0000006/weights.bin")),
        bytes(broken.resolve("step-0000006/weights.bin")));
    assertEquals(done.state().rngState(), Checkpoint.read(broken).state().rngState());
  }

  @Test
  void samplesThatCannotFitAreWrittenToRejectsWithTheReason() throws IOException {
    List<Sample> data = new ArrayList<>(TinyWorld.samples(20, 4));
    StringBuilder huge = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      huge.append("word").append(i).append(' ');
    }
    data.add(
        new Sample(
            "too-long",
            List.of(TinyWorld.WEATHER),
            List.of(Message.user("x")),
            Label.ofCalls(
                List.of(ToolCall.of("get_weather", Json.object().put("city", huge.toString())))),
            null,
            null));
    PolicyTrainer.Result r =
        PolicyTrainer.sft(data, null, tmp.resolve("out"), TinyWorld.tiny(1), null);
    assertEquals(1, r.rejected());
    assertEquals(20, r.examples());
    List<String> lines = Files.readAllLines(tmp.resolve("out").resolve(PolicyTrainer.REJECTS));
    assertEquals(1, lines.size());
    assertTrue(
        lines.get(0).contains("\"id\":\"too-long\"") && lines.get(0).contains("maxAnswer"),
        lines.get(0));
  }

  @Test
  void resumingWithOtherDataIsRefused() throws IOException {
    PolicyTrainer.sft(TinyWorld.samples(20, 5), null, tmp.resolve("out"), TinyWorld.tiny(2), null);
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                PolicyTrainer.sft(
                    TinyWorld.samples(20, 6), null, tmp.resolve("out"), TinyWorld.tiny(4), null));
    assertTrue(e.getMessage().contains("fresh output directory"), e.getMessage());
  }
}
