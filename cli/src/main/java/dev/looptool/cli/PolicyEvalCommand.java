package dev.looptool.cli;

import dev.looptool.policy.PolicyModel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "ToolMatch accuracy overall and by dialogue shape.")
final class PolicyEvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin PolicyCommand.Checkpoint checkpoint;

  @Option(names = "--data", required = true, description = "Samples with labels (JSON Lines).")
  Path data;

  @Option(names = "--json", description = "Also write the figures to this JSON file.")
  Path json;

  @Override
  public Integer call() {
    try {
      PolicyModel.Evaluation ev;
      try (PolicyModel m = checkpoint.load()) {
        ev = m.evaluate(PolicyCommand.read(data));
      }
      PolicyCommand.printEvaluation(spec.commandLine().getOut(), data.toString(), ev);
      if (json != null) {
        PolicyCommand.writeJson(json, ev);
      }
      return 0;
    } catch (Exception e) {
      return PolicyCommand.fail(spec, e);
    }
  }
}
