package dev.looptool.cli;

import dev.looptool.workers.TemporalConnection;
import dev.looptool.workflows.loop.LoopToolWorkflow;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code looptool pause|resume|stop ID}: the run's signals. */
final class SignalCommands {
  private SignalCommands() {}

  abstract static class Signal implements Callable<Integer> {
    @Mixin RunConnectionOptions connection;

    @Parameters(paramLabel = "ID", description = "Run id (workflow id).")
    String runId;

    private final Consumer<LoopToolWorkflow> send;
    private final String request;
    private final String done;

    /**
     * {@code request}: what the signal asks for, as the start of a sentence ("the pause"); {@code
     * done}: what the command says once it is sent.
     */
    Signal(Consumer<LoopToolWorkflow> send, String request, String done) {
      this.send = send;
      this.request = request;
      this.done = done;
    }

    /**
     * Signals are durable: the server records one even when no workflow worker runs. The status
     * query after it tells whether a worker is there to act on it.
     */
    @Override
    public Integer call() {
      try (TemporalConnection conn = connection.connect()) {
        send.accept(RunControl.existing(conn.client(), runId));
        RunControl.status(conn.client(), connection, runId, request + " is recorded, but ");
        System.out.println(runId + ": " + done);
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Holds a run before its next stage.")
  static final class Pause extends Signal {
    Pause() {
      super(
          LoopToolWorkflow::pause,
          "the pause",
          "pause requested (the stage in progress finishes first)");
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resumes a paused run.")
  static final class Resume extends Signal {
    Resume() {
      super(LoopToolWorkflow::resume, "the resume", "resumed");
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Stops a run after its current iteration (it writes its report).")
  static final class Stop extends Signal {
    Stop() {
      super(
          LoopToolWorkflow::stopAfterIteration,
          "the stop",
          "will stop after the current iteration");
    }
  }
}
