package dev.looptool.world.synth;

import java.util.SplittableRandom;

/** Dates and times drawn from a fixed window, formatted as JSON Schema's date and time strings. */
final class Values {
  private Values() {}

  private static final int[] DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  /** A date in 2026 or 2027: fixed years keep the world independent of the clock. */
  static String date(SplittableRandom rng) {
    int year = 2026 + rng.nextInt(2);
    int month = 1 + rng.nextInt(12);
    int day = 1 + rng.nextInt(DAYS[month - 1]);
    return year + "-" + two(month) + "-" + two(day);
  }

  /** A time on the quarter hour between 06:00 and 22:45, as HH:mm. */
  static String time(SplittableRandom rng) {
    return two(6 + rng.nextInt(17)) + ":" + two(15 * rng.nextInt(4));
  }

  private static String two(int v) {
    return v < 10 ? "0" + v : Integer.toString(v);
  }
}
