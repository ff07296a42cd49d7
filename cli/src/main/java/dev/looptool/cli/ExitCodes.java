package dev.looptool.cli;

/** Exit codes shared by every command. */
public final class ExitCodes {
  /** Success, and for checking commands: nothing wrong was found. */
  public static final int OK = 0;

  /** The command could not run: a missing file, an unreadable input, a bad option. */
  public static final int ERROR = 1;

  /** The command ran and found problems in the data (reported line by line). */
  public static final int PROBLEMS = 2;

  /** A run's query went unanswered: no workflow worker is running (the run itself is safe). */
  public static final int NO_WORKFLOW_WORKER = 3;

  private ExitCodes() {}
}
