package dev.looptool.activities.trainer;

/**
 * An external trainer that exited with a failure. {@code retryable} says whether running it again
 * can help (see {@link ExternalTrainer} for which exit codes are); {@code lastCheckpoint} is the
 * latest checkpoint it reported, from which a retry resumes.
 */
public final class TrainerException extends Exception {
  private final int exitCode;
  private final boolean retryable;
  private final String lastCheckpoint;

  public TrainerException(String message, int exitCode, boolean retryable, String lastCheckpoint) {
    super(message);
    this.exitCode = exitCode;
    this.retryable = retryable;
    this.lastCheckpoint = lastCheckpoint;
  }

  public int exitCode() {
    return exitCode;
  }

  public boolean retryable() {
    return retryable;
  }

  public String lastCheckpoint() {
    return lastCheckpoint;
  }
}
