package dev.looptool.cli;

import dev.looptool.policy.PolicyModel;
import dev.looptool.policy.serve.ModelServer;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code looptool serve}: a built-in checkpoint behind OpenAI-compatible endpoints. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a built-in checkpoint as vLLM serves a model: GET /v1/models, POST /v1/completions",
      "(Hermes text prompts, log-probabilities) and POST /v1/chat/completions (messages, tools,",
      "native tool_calls). Concurrent requests are decoded in batches; greedy answers are those",
      "'looptool policy probe' gives. Prints 'serving NAME from DIR at URL' once ready; SIGTERM",
      "or Ctrl-C stops it."
    })
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      description = "Checkpoint directory (or a training output: its newest checkpoint).")
  Path model;

  @Option(
      names = "--port",
      defaultValue = "8000",
      description = "Port (default ${DEFAULT-VALUE}; 0 = any free port, printed once bound).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--served-name",
      description = "Model name clients send (default: the --model directory's name).")
  String servedName;

  @Option(
      names = "--max-batch",
      defaultValue = "32",
      description = "Most requests decoded together (default ${DEFAULT-VALUE}).")
  int maxBatch;

  @Option(names = "--cpu", description = "Stay on the CPU even when a GPU is visible.")
  boolean cpu;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(model)) {
      err.println("looptool serve: --model " + model + " is not a directory");
      return ExitCodes.PROBLEMS;
    }
    if (maxBatch < 1 || port < 0 || port > 65535) {
      err.println("looptool serve: --max-batch must be at least 1 and --port within 0..65535");
      return ExitCodes.PROBLEMS;
    }
    Path dir = model.toAbsolutePath().normalize();
    String name = servedName != null ? servedName : dir.getFileName().toString();
    ModelServer server;
    try {
      server =
          ModelServer.start(
              PolicyModel.load(dir, cpu, 0), new ModelServer.Options(name, host, port, maxBatch));
    } catch (BindException e) {
      err.println("looptool serve: cannot listen on " + host + ":" + port + ": " + e.getMessage());
      return ExitCodes.ERROR;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // Requests being decoded finish, queued ones get 503, then the model closes.
                  server.close();
                  stopped.countDown();
                },
                "looptool-serve-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("serving " + name + " from " + server.root() + " at " + server.baseUrl());
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
