package dev.looptool.benchmarks.bfcl;

import java.util.regex.Pattern;

/**
 * Java patterns that behave like Python's {@code re} on str: Unicode classes, only '\n' ends a
 * line.
 */
final class PyRegex {
  private PyRegex() {}

  static Pattern compile(String regex) {
    return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES);
  }

  static Pattern compileDotAll(String regex) {
    return Pattern.compile(
        regex, Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES | Pattern.DOTALL);
  }

  /** Python {@code re.match}: a match anchored at the start that need not reach the end. */
  static boolean match(Pattern p, String s) {
    return p.matcher(s).lookingAt();
  }

  /** Python's {@code s[1:-1]}. */
  static String inner(String s) {
    return s.length() < 2 ? "" : s.substring(1, s.length() - 1);
  }

  /** Python's {@code str.strip(chars)}. */
  static String strip(String s, String chars) {
    int a = 0;
    int b = s.length();
    while (a < b && chars.indexOf(s.charAt(a)) >= 0) {
      a++;
    }
    while (b > a && chars.indexOf(s.charAt(b - 1)) >= 0) {
      b--;
    }
    return s.substring(a, b);
  }

  /** Python's {@code str.split(",")} (keeps empty pieces). */
  static String[] splitComma(String s) {
    return s.split(",", -1);
  }
}
