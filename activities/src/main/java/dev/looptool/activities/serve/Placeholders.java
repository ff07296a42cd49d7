package dev.looptool.activities.serve;

import java.util.Map;

/** Fills {@code {name}} placeholders; a value that is absent fills as the empty string. */
public final class Placeholders {
  private Placeholders() {}

  public static String fill(String template, Map<String, String> values) {
    String out = template;
    for (Map.Entry<String, String> v : values.entrySet()) {
      out = out.replace("{" + v.getKey() + "}", v.getValue() == null ? "" : v.getValue());
    }
    return out;
  }
}
