package dev.looptool.cli;

import dev.looptool.activities.llm.fake.FakeOpenAiServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the CLI in-process and captures its exit code and output, for tests. */
public final class CliRunner {
  public record Result(int exitCode, String out, String err) {}

  private CliRunner() {}

  /**
   * The {@code policy sft/grpo} model options of a tiny model that trains in seconds: width 32, one
   * layer, two heads, a 320-token vocabulary, and the given context and answer lengths.
   */
  public static List<String> tinyModel(int maxSeq, int maxAnswer) {
    return List.of(
        "--d-model",
        "32",
        "--layers",
        "1",
        "--heads",
        "2",
        "--vocab",
        "320",
        "--max-seq",
        String.valueOf(maxSeq),
        "--max-answer",
        String.valueOf(maxAnswer));
  }

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = LoopToolCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /**
   * Runs an LLM command ({@code expand}, {@code judge}) on {@code server} with {@code model}, from
   * {@code in} to {@code out}, with the further {@code options}; output goes to the console.
   */
  public static int onEndpoint(
      String command, FakeOpenAiServer server, String model, Path in, Path out, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                command,
                "--endpoint",
                server.baseUrl(),
                "--model",
                model,
                "--in",
                in.toString(),
                "--out",
                out.toString()));
    args.addAll(List.of(options));
    return LoopToolCli.execute(args.toArray(String[]::new));
  }
}
