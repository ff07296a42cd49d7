package dev.looptool.workers;

/**
 * DJL must never reach the network: its engine downloads natives and reports usage unless told not
 * to. Every entry point calls {@link #ensure()} before any DJL class loads.
 */
public final class DjlOffline {
  private DjlOffline() {}

  public static void ensure() {
    System.setProperty("ai.djl.offline", "true");
    // DJL reads OPT_OUT_TRACKING from the environment or from a system property of that name.
    System.setProperty("OPT_OUT_TRACKING", "true");
  }
}
