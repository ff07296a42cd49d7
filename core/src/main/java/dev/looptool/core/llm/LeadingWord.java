package dev.looptool.core.llm;

import dev.looptool.core.format.HermesFormat;
import java.util.List;
import java.util.Locale;

/**
 * Strict parsing of answers that must open with one of a few verdict words: reasoning ({@code
 * <think>}) and light markup (bold, headings, quotes, an optional "Verdict:" label) are skipped,
 * then the first word must be exactly one of the allowed words; the rest is the analysis.
 */
public final class LeadingWord {
  private LeadingWord() {}

  /**
   * The word found (upper case, or null when the answer does not open with an allowed word) and the
   * rest.
   */
  public record Parsed(String word, String rest) {
    public boolean ok() {
      return word != null;
    }
  }

  public static Parsed parse(String answer, List<String> allowed) {
    String s = HermesFormat.stripThinking(answer == null ? "" : answer);
    int i = skipMarkup(s, 0);
    if (s.regionMatches(true, i, "verdict", 0, 7)) {
      int j = i + 7;
      while (j < s.length() && (s.charAt(j) == ':' || s.charAt(j) == '*' || s.charAt(j) == ' ')) {
        j++;
      }
      if (j > i + 7) {
        i = skipMarkup(s, j);
      }
    }
    int end = i;
    while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
      end++;
    }
    String word = s.substring(i, end).toUpperCase(Locale.ROOT);
    String rest = s.substring(end);
    if (!allowed.contains(word)) {
      return new Parsed(null, s.strip());
    }
    return new Parsed(word, stripLeading(rest));
  }

  private static int skipMarkup(String s, int i) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)
          || c == '*'
          || c == '#'
          || c == '"'
          || c == '\''
          || c == '`'
          || c == '['
          || c == '>'
          || c == '_') {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private static String stripLeading(String rest) {
    int i = 0;
    while (i < rest.length()) {
      char c = rest.charAt(i);
      if (Character.isWhitespace(c)
          || c == '*'
          || c == ':'
          || c == '-'
          || c == '.'
          || c == '"'
          || c == '\''
          || c == '`'
          || c == ']'
          || c == ',') {
        i++;
      } else {
        break;
      }
    }
    return rest.substring(i).strip();
  }
}
