package dev.looptool.core.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.ToolCall;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Python literal syntax read into Jackson trees, for datasets written with {@code repr()} or {@code
 * str()} instead of {@code json.dumps}: dicts, lists, tuples (as arrays), strings in either quote
 * (triple-quoted, raw and prefixed ones too, adjacent ones concatenated), ints, floats, {@code
 * True}/{@code False}/{@code None}. JSON's {@code true}/{@code false}/{@code null} are accepted as
 * well, so one parser reads records that mix the two. Also reads call lists in the ToolACE/BFCL
 * style, {@code [get_weather(city="Paris"), other(x=[1, 2])]}, keyword arguments only.
 *
 * <p>Errors are {@link SyntaxException}s whose message ends with the 1-based character position.
 *
 * <p>Long on purpose: a small recursive-descent parser of Python's literal grammar (strings with
 * every prefix and escape, numbers in every base, containers, call lists) is one piece.
 */
public final class PythonLiterals {
  private final String s;
  private int pos;

  private PythonLiterals(String text) {
    this.s = text;
  }

  /** Text that is not the expected Python syntax; {@link #position} is 1-based. */
  public static final class SyntaxException extends Exception {
    private final int position;

    SyntaxException(String what, int offset) {
      super(what + " at character " + (offset + 1));
      this.position = offset + 1;
    }

    public int position() {
      return position;
    }
  }

  /** The one literal {@code text} holds (whitespace around it allowed). */
  public static JsonNode parse(String text) throws SyntaxException {
    PythonLiterals p = new PythonLiterals(text);
    p.skipSpace();
    JsonNode v = p.value();
    p.skipSpace();
    p.expectEnd();
    return v;
  }

  /**
   * The literals {@code text} holds one after another, separated by whitespace (as tools are listed
   * one per line inside a prompt's {@code <tools>} block).
   */
  public static List<JsonNode> parseAll(String text) throws SyntaxException {
    PythonLiterals p = new PythonLiterals(text);
    List<JsonNode> out = new ArrayList<>();
    p.skipSpace();
    while (!p.atEnd()) {
      out.add(p.value());
      p.skipSpace();
    }
    return out;
  }

  /**
   * The calls of a call list: {@code [f(a=1), g()]} or a single bare {@code f(a=1)}. A function
   * name is everything before its {@code (} (ToolACE's names hold spaces, dots and slashes).
   */
  public static List<ToolCall> parseCalls(String text) throws SyntaxException {
    PythonLiterals p = new PythonLiterals(text);
    p.skipSpace();
    List<ToolCall> out = new ArrayList<>();
    if (p.peek() == '[') {
      p.pos++;
      p.skipSpace();
      while (p.peek() != ']') {
        out.add(p.call());
        p.skipSpace();
        if (p.peek() == ',') {
          p.pos++;
          p.skipSpace();
        } else if (p.peek() != ']') {
          throw p.error(p.atEnd() ? "the call list is not closed with ']'" : "expected ',' or ']'");
        }
      }
      p.pos++;
    } else {
      out.add(p.call());
    }
    p.skipSpace();
    p.expectEnd();
    return out;
  }

  // ---------------------------------------------------------------- calls

  private ToolCall call() throws SyntaxException {
    int start = pos;
    while (!atEnd() && "()[]{},=\"'\n".indexOf(peek()) < 0) {
      pos++;
    }
    String name = s.substring(start, pos).strip();
    if (name.isEmpty()) {
      throw error(atEnd() ? "expected a function call" : "expected a function name", start);
    }
    if (peek() != '(') {
      throw error("expected '(' after the function name '" + name + "'");
    }
    pos++;
    ObjectNode args = Json.object();
    skipSpace();
    while (peek() != ')') {
      if (atEnd()) {
        throw error("the arguments of '" + name + "' are not closed with ')'");
      }
      int argAt = pos;
      String key = identifier();
      skipSpace();
      if (key == null || peek() != '=' || peekAt(1) == '=') {
        throw error(
            "positional argument in the call of '"
                + name
                + "': calls take keyword arguments only (name=value)",
            argAt);
      }
      pos++;
      skipSpace();
      if (args.has(key)) {
        throw error("argument '" + key + "' is given twice", argAt);
      }
      args.set(key, value());
      skipSpace();
      if (peek() == ',') {
        pos++;
        skipSpace();
      } else if (peek() != ')') {
        throw error(
            atEnd()
                ? "the arguments of '" + name + "' are not closed with ')'"
                : "expected ',' or ')'");
      }
    }
    pos++;
    return new ToolCall(name, args);
  }

  /** A Python identifier at the cursor, or null (cursor unmoved) when there is none. */
  private String identifier() {
    int start = pos;
    if (atEnd() || !(Character.isLetter(peek()) || peek() == '_')) {
      return null;
    }
    while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
      pos++;
    }
    return s.substring(start, pos);
  }

  // ---------------------------------------------------------------- values

  private JsonNode value() throws SyntaxException {
    if (atEnd()) {
      throw error("expected a value but the text ended");
    }
    char c = peek();
    switch (c) {
      case '{':
        return dict();
      case '[':
        return sequence(']', "list");
      case '(':
        return parenthesized();
      case '"':
      case '\'':
        return Json.NODES.textNode(strings());
      case '-':
      case '+':
      case '.':
        return number();
      default:
        break;
    }
    if (c >= '0' && c <= '9') {
      return number();
    }
    if (Character.isLetter(c) || c == '_') {
      int start = pos;
      String word = identifier();
      if (!atEnd() && (peek() == '"' || peek() == '\'') && isStringPrefix(word)) {
        pos = start;
        return Json.NODES.textNode(strings());
      }
      switch (word) {
        case "True":
        case "true":
          return Json.NODES.booleanNode(true);
        case "False":
        case "false":
          return Json.NODES.booleanNode(false);
        case "None":
        case "null":
          return Json.NODES.nullNode();
        default:
          throw error("'" + word + "' is not a Python literal", start);
      }
    }
    throw error("unexpected '" + c + "'");
  }

  private ObjectNode dict() throws SyntaxException {
    int open = pos;
    pos++;
    ObjectNode o = Json.object();
    skipSpace();
    while (peek() != '}') {
      if (atEnd()) {
        throw error("the dict opened at character " + (open + 1) + " is not closed with '}'");
      }
      int keyAt = pos;
      JsonNode key = value();
      if (key.isContainerNode()) {
        throw error("a dict key must be a string, number, bool or None", keyAt);
      }
      skipSpace();
      if (peek() != ':') {
        throw error("expected ':' after a dict key");
      }
      pos++;
      skipSpace();
      // JSON keys are strings: a non-string key keeps its Python spelling.
      o.set(key.isTextual() ? key.textValue() : s.substring(keyAt, keyEnd(keyAt)), value());
      skipSpace();
      if (peek() == ',') {
        pos++;
        skipSpace();
      } else if (peek() != '}') {
        throw error(
            atEnd()
                ? "the dict opened at character " + (open + 1) + " is not closed with '}'"
                : "expected ',' or '}'");
      }
    }
    pos++;
    return o;
  }

  /** The end of the non-string key that starts at {@code from}: up to the ':' that follows it. */
  private int keyEnd(int from) {
    int colon = s.indexOf(':', from);
    int end = colon < 0 ? s.length() : colon;
    while (end > from && Character.isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  private ArrayNode sequence(char close, String kind) throws SyntaxException {
    int open = pos;
    pos++;
    ArrayNode a = Json.array();
    skipSpace();
    while (peek() != close) {
      if (atEnd()) {
        throw notClosed(kind, open, close);
      }
      a.add(value());
      skipSpace();
      if (peek() == ',') {
        pos++;
        skipSpace();
      } else if (peek() != close) {
        throw atEnd() ? notClosed(kind, open, close) : error("expected ',' or '" + close + "'");
      }
    }
    pos++;
    return a;
  }

  /** {@code ()} and {@code (x,)} are tuples; {@code (x)} is x. */
  private JsonNode parenthesized() throws SyntaxException {
    int open = pos;
    pos++;
    skipSpace();
    if (peek() == ')') {
      pos++;
      return Json.array();
    }
    JsonNode first = value();
    skipSpace();
    if (peek() == ')') {
      pos++;
      return first;
    }
    if (peek() != ',') {
      throw atEnd() ? notClosed("tuple", open, ')') : error("expected ',' or ')'");
    }
    pos = open;
    return sequence(')', "tuple");
  }

  private SyntaxException notClosed(String kind, int open, char close) {
    return error(
        "the "
            + kind
            + " opened at character "
            + (open + 1)
            + " is not closed with '"
            + close
            + "'");
  }

  private JsonNode number() throws SyntaxException {
    int start = pos;
    boolean negative = false;
    while (peek() == '-' || peek() == '+') {
      negative ^= peek() == '-';
      pos++;
      skipSpace();
    }
    int digits = pos;
    if (peek() == '0' && "xXoObB".indexOf(peekAt(1)) >= 0) {
      int radix = "xX".indexOf(peekAt(1)) >= 0 ? 16 : "oO".indexOf(peekAt(1)) >= 0 ? 8 : 2;
      pos += 2;
      int from = pos;
      while (!atEnd() && (Character.digit(peek(), radix) >= 0 || peek() == '_')) {
        pos++;
      }
      String body = s.substring(from, pos).replace("_", "");
      if (body.isEmpty()) {
        throw error("a number has no digits", start);
      }
      if (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
        throw error("a number runs into '" + peek() + "'");
      }
      BigInteger v = new BigInteger(body, radix);
      return integer(negative ? v.negate() : v);
    }
    boolean isFloat = false;
    while (!atEnd() && (Character.isDigit(peek()) || peek() == '_')) {
      pos++;
    }
    int dot = -1;
    if (peek() == '.') {
      isFloat = true;
      dot = pos;
      pos++;
      while (!atEnd() && (Character.isDigit(peek()) || peek() == '_')) {
        pos++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      int e = pos;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!Character.isDigit(peek())) {
        throw error("a number's exponent has no digits", e);
      }
      isFloat = true;
      while (!atEnd() && (Character.isDigit(peek()) || peek() == '_')) {
        pos++;
      }
    }
    String text = s.substring(digits, pos);
    if (text.isEmpty() || text.equals(".") || text.startsWith(".e") || text.startsWith(".E")) {
      throw error("expected a number", start);
    }
    if (dot >= 0) {
      // "5." and "1.e3" are 5.0 and 1.0e3, ".5" is 0.5: a digit each side keeps Python's scale.
      int d = dot - digits;
      boolean noFraction = d + 1 >= text.length() || !Character.isDigit(text.charAt(d + 1));
      text =
          (d == 0 ? "0" : "")
              + text.substring(0, d + 1)
              + (noFraction ? "0" : "")
              + text.substring(d + 1);
    }
    text = text.replace("_", "");
    if (!atEnd() && (Character.isLetter(peek()) || peek() == '_')) {
      throw error("a number runs into '" + peek() + "'");
    }
    if (isFloat) {
      BigDecimal v = new BigDecimal(text);
      return Json.NODES.numberNode(negative ? v.negate() : v);
    }
    if (text.length() > 1 && text.charAt(0) == '0' && !text.chars().allMatch(ch -> ch == '0')) {
      throw error("a decimal integer must not start with 0 (Python 3 has no such literal)", start);
    }
    BigInteger v = new BigInteger(text);
    return integer(negative ? v.negate() : v);
  }

  /** An integer as the smallest node Jackson itself would read it into. */
  private static JsonNode integer(BigInteger v) {
    if (v.bitLength() < 32) {
      return Json.NODES.numberNode(v.intValue());
    }
    if (v.bitLength() < 64) {
      return Json.NODES.numberNode(v.longValue());
    }
    return Json.NODES.numberNode(v);
  }

  // ---------------------------------------------------------------- strings

  private static boolean isStringPrefix(String w) {
    switch (w.toLowerCase(java.util.Locale.ROOT)) {
      case "r":
      case "u":
      case "b":
      case "br":
      case "rb":
        return true;
      default:
        return false;
    }
  }

  /** One string literal, or several adjacent ones concatenated as Python does. */
  private String strings() throws SyntaxException {
    StringBuilder sb = new StringBuilder();
    do {
      string(sb);
      int save = pos;
      skipSpace();
      int before = pos;
      String prefix = identifier();
      boolean more =
          !atEnd()
              && (peek() == '"' || peek() == '\'')
              && (prefix == null || isStringPrefix(prefix));
      pos = more ? before : save;
      if (!more) {
        break;
      }
    } while (true);
    return sb.toString();
  }

  private void string(StringBuilder sb) throws SyntaxException {
    int start = pos;
    boolean raw = false;
    while (Character.isLetter(peek())) {
      raw |= peek() == 'r' || peek() == 'R';
      pos++;
    }
    char q = peek();
    boolean triple = peekAt(1) == q && peekAt(2) == q;
    pos += triple ? 3 : 1;
    while (true) {
      if (atEnd()) {
        throw error("the string is not closed", start);
      }
      char c = s.charAt(pos);
      if (c == q && (!triple || (peekAt(1) == q && peekAt(2) == q))) {
        pos += triple ? 3 : 1;
        return;
      }
      if (c == '\n' && !triple) {
        throw error("the string opened at character " + (start + 1) + " ends at a line break");
      }
      if (c == '\\') {
        if (pos + 1 >= s.length()) {
          throw error("the string is not closed", start);
        }
        if (raw) {
          // A raw string keeps its backslashes; one still stops the next quote closing it.
          sb.append(c).append(s.charAt(pos + 1));
          pos += 2;
        } else {
          escape(sb);
        }
        continue;
      }
      sb.append(c);
      pos++;
    }
  }

  private void escape(StringBuilder sb) throws SyntaxException {
    int at = pos;
    char e = s.charAt(pos + 1);
    pos += 2;
    switch (e) {
      case '\n':
        return; // a line continuation
      case '\\':
      case '\'':
      case '"':
        sb.append(e);
        return;
      case 'n':
        sb.append('\n');
        return;
      case 't':
        sb.append('\t');
        return;
      case 'r':
        sb.append('\r');
        return;
      case 'b':
        sb.append('\b');
        return;
      case 'f':
        sb.append('\f');
        return;
      case 'v':
        sb.append('\u000b');
        return;
      case 'a':
        sb.append('\u0007');
        return;
      case 'x':
        sb.appendCodePoint(hex(2, at));
        return;
      case 'u':
        sb.appendCodePoint(hex(4, at));
        return;
      case 'U':
        {
          int cp = hex(8, at);
          if (!Character.isValidCodePoint(cp)) {
            throw error("\\U escape is not a Unicode code point", at);
          }
          sb.appendCodePoint(cp);
          return;
        }
      case 'N':
        throw error("\\N{...} escapes are not supported", at);
      default:
        break;
    }
    if (e >= '0' && e <= '7') {
      int v = e - '0';
      for (int k = 0; k < 2 && peek() >= '0' && peek() <= '7'; k++) {
        v = v * 8 + (peek() - '0');
        pos++;
      }
      sb.appendCodePoint(v);
      return;
    }
    // Python keeps an unknown escape as written.
    sb.append('\\').append(e);
  }

  private int hex(int n, int at) throws SyntaxException {
    if (pos + n > s.length()) {
      throw error("\\" + s.charAt(at + 1) + " escape needs " + n + " hex digits", at);
    }
    int v = 0;
    for (int k = 0; k < n; k++) {
      int d = Character.digit(s.charAt(pos + k), 16);
      if (d < 0) {
        throw error("\\" + s.charAt(at + 1) + " escape needs " + n + " hex digits", at);
      }
      v = v * 16 + d;
    }
    pos += n;
    return v;
  }

  // ---------------------------------------------------------------- cursor

  private boolean atEnd() {
    return pos >= s.length();
  }

  /** The character at the cursor, or 0 at the end. */
  private char peek() {
    return pos < s.length() ? s.charAt(pos) : 0;
  }

  private char peekAt(int ahead) {
    return pos + ahead < s.length() ? s.charAt(pos + ahead) : 0;
  }

  private void skipSpace() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }

  private void expectEnd() throws SyntaxException {
    if (!atEnd()) {
      throw error("unexpected text after the value");
    }
  }

  private SyntaxException error(String what) {
    return error(what, pos);
  }

  private SyntaxException error(String what, int at) {
    return new SyntaxException(what, at);
  }
}
