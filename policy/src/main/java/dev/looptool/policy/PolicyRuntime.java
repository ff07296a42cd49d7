package dev.looptool.policy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * The one place the policy touches DJL's engine setup: it keeps DJL offline (no downloads, no usage
 * reports) and fixes PyTorch's thread counts before the engine loads, because CPU results are only
 * bit-reproducible with a fixed number of threads.
 */
public final class PolicyRuntime {
  /**
   * Intra-op threads; {@code LOOPTOOL_TORCH_THREADS} or the system property overrides the default.
   */
  public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

  static {
    ensureOffline();
  }

  private PolicyRuntime() {}

  /** Sets the offline switches; safe to call any number of times, must run before DJL loads. */
  public static void ensureOffline() {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    if (System.getProperty(THREADS_PROPERTY) == null) {
      String env = System.getenv("LOOPTOOL_TORCH_THREADS");
      int cores = Runtime.getRuntime().availableProcessors();
      // Every core up to four: SFT on the idle 2-core development machine ran 9.4 steps/s with two
      // threads and 5.1 with one. On a machine busy with other work, one thread can be faster
      // (a second OpenMP thread then spins against the other processes): set
      // LOOPTOOL_TORCH_THREADS.
      int threads =
          env != null && !env.isBlank() ? Integer.parseInt(env.trim()) : Math.min(4, cores);
      System.setProperty(THREADS_PROPERTY, Integer.toString(threads));
    }
    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
  }

  /** The PyTorch engine, loaded offline. */
  public static Engine engine() {
    ensureOffline();
    return Engine.getEngine("PyTorch");
  }

  /**
   * The device to run on: CUDA when the engine sees a GPU (and {@code cpu} was not forced), else
   * CPU.
   */
  public static Device device(boolean forceCpu) {
    Engine e = engine();
    return !forceCpu && e.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
  }

  /** A new root manager on the chosen device. */
  public static NDManager newManager(Device device) {
    return engine().newBaseManager(device);
  }

  /** Intra-op thread count in effect. */
  public static int threads() {
    ensureOffline();
    return Integer.parseInt(System.getProperty(THREADS_PROPERTY));
  }
}
