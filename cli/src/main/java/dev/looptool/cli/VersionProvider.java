package dev.looptool.cli;

import picocli.CommandLine;

/** Reports the version recorded in the jar's manifest (or "dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = LoopToolCli.class.getPackage().getImplementationVersion();
    return new String[] {"looptool " + (v == null ? "dev" : v)};
  }
}
