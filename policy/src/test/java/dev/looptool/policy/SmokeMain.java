package dev.looptool.policy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Manual smoke run (not a test): SFT on the tiny world, then evaluation. */
public final class SmokeMain {
  public static void main(String[] args) throws Exception {
    int steps = Integer.parseInt(args[0]);
    Path out = Files.createTempDirectory("smoke");
    var train = TinyWorld.samples(2000, 1);
    var test = TinyWorld.samples(200, 2);
    PolicyConfig cfg = PolicyConfig.sftDefaults().withSteps(steps).withCheckpointEvery(100);
    long t0 = System.nanoTime();
    PolicyTrainer.Result r =
        PolicyTrainer.sft(train, null, out, cfg, p -> {
          if (p.step() % 50 == 0) {
            System.out.printf("step %d loss %.4f tok/s %.0f %.1fs%n", p.step(), p.loss(), p.tokensPerSecond(), (System.nanoTime() - t0) / 1e9);
          }
        });
    System.out.println(r);
    try (PolicyModel m = PolicyModel.load(out)) {
      long t1 = System.nanoTime();
      var ev = m.evaluate(test);
      System.out.println(ev + " in " + (System.nanoTime() - t1) / 1e9 + "s");
      var pr = m.probe(test.subList(0, 4));
      pr.forEach(System.out::println);
    }
    int grpoSteps = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    if (grpoSteps > 0) {
      Path g = Files.createTempDirectory("smoke-grpo");
      long t2 = System.nanoTime();
      PolicyTrainer.grpo(train, out, g, PolicyConfig.grpoDefaults().withSteps(grpoSteps), p -> {
        System.out.printf("grpo step %d loss %.4f reward %.3f tok/s %.0f %.1fs%n", p.step(), p.loss(), p.meanReward(), p.tokensPerSecond(), (System.nanoTime() - t2) / 1e9);
      });
      try (PolicyModel m = PolicyModel.load(g)) {
        System.out.println("after grpo: " + m.evaluate(test));
      }
    }
  }
}
