package dev.looptool.workers.cli;

import dev.looptool.workers.TemporalConnection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code looptool pause|resume|stop ID}: the run's signals. */
final class SignalCommands {
  private SignalCommands() {}

  abstract static class Signal implements Callable<Integer> {
    @Mixin ConnectionOptions connection;

    @Parameters(paramLabel = "ID", description = "Run id (workflow id).")
    String runId;

    abstract void send(dev.looptool.workflows.loop.LoopToolWorkflow wf);

    abstract String done();

    @Override
    public Integer call() {
      try (TemporalConnection conn = new TemporalConnection(connection.temporal, connection.namespace, null)) {
        send(RunControl.existing(conn.client(), runId));
        System.out.println(runId + ": " + done());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, description = "Holds a run before its next stage.")
  static final class Pause extends Signal {
    @Override
    void send(dev.looptool.workflows.loop.LoopToolWorkflow wf) {
      wf.pause();
    }

    @Override
    String done() {
      return "pause requested (the stage in progress finishes first)";
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resumes a paused run.")
  static final class Resume extends Signal {
    @Override
    void send(dev.looptool.workflows.loop.LoopToolWorkflow wf) {
      wf.resume();
    }

    @Override
    String done() {
      return "resumed";
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stops a run after its current iteration (it writes its report).")
  static final class Stop extends Signal {
    @Override
    void send(dev.looptool.workflows.loop.LoopToolWorkflow wf) {
      wf.stopAfterIteration();
    }

    @Override
    String done() {
      return "will stop after the current iteration";
    }
  }
}
