package dev.looptool.cli;

import dev.looptool.workers.embedded.EmbeddedTemporal;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code looptool server}: the embedded Temporal test server on its own. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Temporal's in-process test server on a port, with looptool's search attributes registered,",
      "for development against separate worker processes. State is in memory: it ends with the process."
    })
public final class ServerCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "7233", description = "Port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "Namespace to register the search attributes in.")
  String namespace;

  @Override
  public Integer call() throws Exception {
    try (EmbeddedTemporal t = EmbeddedTemporal.start(port, namespace)) {
      System.out.println(
          "looptool server: Temporal test server on "
              + t.target()
              + " (namespace "
              + namespace
              + "); Ctrl-C stops it");
      CountDownLatch forever = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
      forever.await();
    }
    return ExitCodes.OK;
  }
}
