package dev.looptool.cli;

import picocli.CommandLine.Option;

/** Where the Temporal frontend is: options shared by every command that talks to a server. */
public class ConnectionOptions {
  @Option(
      names = "--temporal",
      paramLabel = "HOST:PORT",
      defaultValue = "${env:LOOPTOOL_TEMPORAL:-127.0.0.1:7233}",
      description = "Temporal frontend (env LOOPTOOL_TEMPORAL; default ${DEFAULT-VALUE}).")
  String temporal;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      defaultValue = "${env:LOOPTOOL_NAMESPACE:-default}",
      description = "Temporal namespace (env LOOPTOOL_NAMESPACE; default ${DEFAULT-VALUE}).")
  String namespace;
}
