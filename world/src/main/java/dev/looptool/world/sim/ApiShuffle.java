package dev.looptool.world.sim;

import java.util.List;
import java.util.SplittableRandom;

/** Fisher–Yates with the world's seeded random, so that every shuffle is reproducible. */
final class ApiShuffle {
  private ApiShuffle() {}

  static <T> void shuffle(List<T> xs, SplittableRandom rng) {
    for (int i = xs.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      T t = xs.get(i);
      xs.set(i, xs.get(j));
      xs.set(j, t);
    }
  }
}
