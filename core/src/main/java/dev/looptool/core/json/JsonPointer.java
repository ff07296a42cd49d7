package dev.looptool.core.json;

/** Builds RFC 6901 JSON pointers ("/a/0/b~1c") for violation reports. */
public final class JsonPointer {
  private JsonPointer() {}

  public static String child(String parent, String key) {
    return parent + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  public static String index(String parent, int index) {
    return parent + "/" + index;
  }
}
