package dev.looptool.world;

import java.nio.charset.StandardCharsets;

/** Derives independent, reproducible seeds from a world seed and the coordinates of a draw. */
public final class Seeds {
  private Seeds() {}

  /** The SplitMix64 finalizer: a well-mixed 64-bit value for every input. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public static long of(long seed, long a) {
    return mix(mix(seed + 0x9E3779B97F4A7C15L) + a * 0xD1B54A32D192ED03L);
  }

  public static long of(long seed, long a, long b) {
    return of(of(seed, a), b);
  }

  /** A seed from a string key (a sample id), stable across JVMs (FNV-1a over UTF-8). */
  public static long of(long seed, String key, long b) {
    long h = 0xcbf29ce484222325L;
    for (byte x : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= x & 0xff;
      h *= 0x100000001b3L;
    }
    return of(of(seed, h), b);
  }

  /** Fisher–Yates with the world's seeded random, so that every shuffle is reproducible. */
  public static <T> void shuffle(java.util.List<T> xs, java.util.SplittableRandom rng) {
    for (int i = xs.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      T t = xs.get(i);
      xs.set(i, xs.get(j));
      xs.set(j, t);
    }
  }
}
