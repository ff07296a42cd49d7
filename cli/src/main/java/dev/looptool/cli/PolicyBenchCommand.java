package dev.looptool.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import dev.looptool.policy.PolicyBench;
import dev.looptool.policy.PolicyRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Training and KV-cache decoding throughput, and the same for a PyTorch twin when python3 has torch.")
final class PolicyBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--steps",
      defaultValue = "30",
      description = "Timed training steps (default 30).")
  int steps;

  @Option(
      names = "--rounds",
      defaultValue = "2",
      description =
          "Alternate DJL and twin this many times and keep each side's best figures (default 2; a shared machine is noisy).")
  int rounds;

  @Option(names = "--no-twin", description = "Skip the PyTorch twin.")
  boolean noTwin;

  @Option(
      names = "--python",
      defaultValue = "python3",
      description = "Python interpreter for the twin (default python3).")
  String python;

  @Option(names = "--json", description = "Also write the figures to this JSON file.")
  Path json;

  @Override
  public Integer call() {
    try {
      PolicyBench.Options opt = PolicyBench.Options.defaults().withTrainSteps(steps);
      PrintWriter o = spec.commandLine().getOut();
      o.printf(
          Locale.ROOT,
          "model d=%d layers=%d heads=%d vocab=%d ngram=%d; train batch %d x seq %d; decode batch %d, prompt %d, %d new tokens; %d threads%n",
          opt.dModel(),
          opt.layers(),
          opt.heads(),
          opt.vocab(),
          opt.ngram(),
          opt.batch(),
          opt.seq(),
          opt.decodeBatch(),
          opt.promptLen(),
          opt.newTokens(),
          PolicyRuntime.threads());
      o.flush();
      PolicyBench.Figures djl = null;
      PolicyBench.Figures twin = null;
      String whyNot = null;
      for (int r = 0; r < Math.max(1, rounds); r++) {
        PolicyBench.Figures d1 = PolicyBench.runDjl(opt);
        print(o, "round " + (r + 1) + " ", d1);
        djl = best(djl, d1);
        if (!noTwin && whyNot == null) {
          StringBuilder why = new StringBuilder();
          PolicyBench.Figures t1 = PolicyBench.runTwin(opt, python, why);
          if (t1 == null) {
            whyNot = why.toString();
            o.println("twin: not run: " + whyNot);
          } else {
            print(o, "round " + (r + 1) + " ", t1);
            twin = best(twin, t1);
          }
        }
      }
      o.println("best of " + Math.max(1, rounds) + " rounds:");
      print(o, "", djl);
      ObjectNode result = Json.object();
      result.set("djl", Json.MAPPER.valueToTree(djl));
      if (twin != null) {
        print(o, "", twin);
        double train = djl.trainStepsPerSec() / twin.trainStepsPerSec();
        double decode = djl.decodeTokensPerSec() / twin.decodeTokensPerSec();
        o.printf(
            Locale.ROOT,
            "ratio djl/twin: training %.2fx, decoding %.2fx (goal >= 0.90x each)%n",
            train,
            decode);
        result.set("twin", Json.MAPPER.valueToTree(twin));
        result.put("trainRatio", train);
        result.put("decodeRatio", decode);
      }
      if (json != null) {
        PolicyCommand.writeJson(json, result);
      }
      return 0;
    } catch (Exception e) {
      return PolicyCommand.fail(spec, e);
    }
  }

  private static PolicyBench.Figures best(PolicyBench.Figures a, PolicyBench.Figures b) {
    if (a == null) {
      return b;
    }
    return new PolicyBench.Figures(
        a.engine(),
        Math.max(a.trainStepsPerSec(), b.trainStepsPerSec()),
        Math.max(a.trainTokensPerSec(), b.trainTokensPerSec()),
        Math.max(a.decodeTokensPerSec(), b.decodeTokensPerSec()),
        a.threads());
  }

  private static void print(PrintWriter o, String prefix, PolicyBench.Figures f) {
    o.printf(
        Locale.ROOT,
        "%s%-22s training %.2f steps/s, %.0f tokens/s; decoding %.0f tokens/s (%d threads)%n",
        prefix,
        f.engine(),
        f.trainStepsPerSec(),
        f.trainTokensPerSec(),
        f.decodeTokensPerSec(),
        f.threads());
    o.flush();
  }
}
