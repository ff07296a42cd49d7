package dev.looptool.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Sample;
import dev.looptool.core.policy.ProbeResult;
import dev.looptool.policy.PolicyModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = "Greedy Capability Probing: prediction, calls, log-probs, PPL, mastered.")
final class PolicyProbeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin PolicyCommand.Checkpoint checkpoint;

  @Option(names = "--data", required = true, description = "Samples to probe (JSON Lines).")
  Path data;

  @Option(
      names = "--out",
      required = true,
      description = "Output JSON Lines, one line per sample (written atomically).")
  Path out;

  @Override
  public Integer call() {
    try {
      List<Sample> samples = PolicyCommand.read(data);
      List<ProbeResult> results;
      try (PolicyModel m = checkpoint.load()) {
        results = m.probe(samples);
      }
      StringBuilder sb = new StringBuilder();
      int mastered = 0;
      for (ProbeResult r : results) {
        ObjectNode o = Json.object();
        o.put("id", r.id());
        o.put("prediction", r.prediction());
        o.set("calls", Json.parse(SampleJson.callsToJson(r.calls())));
        if (r.parseError() != null) {
          o.put("parseError", r.parseError());
        }
        ObjectNode lp = o.putObject("logprobs");
        lp.put("tokens", r.tokens());
        lp.put("sum", r.sumLogProb());
        lp.put("mean", r.tokens() == 0 ? 0.0 : r.sumLogProb() / r.tokens());
        lp.put("min", r.minLogProb());
        o.put("ppl", r.ppl());
        o.put("mastered", r.mastered());
        mastered += r.mastered() ? 1 : 0;
        sb.append(Json.compact(o)).append('\n');
      }
      byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
      CliOut.writeAtomically(out, os -> os.write(body));
      spec.commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "probed %d samples: %d mastered, %d mismatches -> %s%n",
              results.size(),
              mastered,
              results.size() - mastered,
              out);
      return 0;
    } catch (Exception e) {
      return PolicyCommand.fail(spec, e);
    }
  }
}
