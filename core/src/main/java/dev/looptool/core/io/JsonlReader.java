package dev.looptool.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.json.Json;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams a JSON Lines file one line at a time, so memory does not grow with the file. Each
 * non-blank line comes back parsed, or with the parse error and its line number; blank lines are
 * skipped (they hold no record). Not thread-safe.
 */
public final class JsonlReader implements Iterator<JsonlReader.Line>, Closeable {

  /** One non-blank line: its 1-based number, raw bytes, and the parsed JSON or the parse error. */
  public record Line(long number, byte[] bytes, int length, JsonNode json, String error) {
    public boolean ok() {
      return error == null;
    }

    public String text() {
      return new String(bytes, 0, length, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private final InputStream in;
  private final String name;
  private final byte[] buf = new byte[1 << 16];
  private int bufPos;
  private int bufLen;
  private boolean eof;
  private byte[] line = new byte[1 << 12];
  private long lineNumber;
  private Line next;
  private final boolean parse;

  private JsonlReader(InputStream in, String name, boolean parse) {
    this.in = in;
    this.name = name;
    this.parse = parse;
  }

  public static JsonlReader open(Path file) throws IOException {
    return new JsonlReader(Files.newInputStream(file), file.toString(), true);
  }

  /** What {@link #forEach} hands over: one parsed line and its number. */
  @FunctionalInterface
  public interface LineHandler {
    void accept(long line, JsonNode json);
  }

  /**
   * Reads every line of a file: each parsed one goes to {@code handler}, each malformed one becomes
   * a {@link LineError} of field {@code (line)} in {@code errors}. An unreadable file is an
   * unchecked I/O error naming it.
   */
  public static void forEach(Path file, List<LineError> errors, LineHandler handler) {
    try (JsonlReader r = open(file)) {
      while (r.hasNext()) {
        Line l = r.next();
        if (l.ok()) {
          handler.accept(l.number(), l.json());
        } else {
          errors.add(new LineError(file.toString(), l.number(), "(line)", l.error()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  public static JsonlReader of(InputStream in, String name) {
    return new JsonlReader(in, name, true);
  }

  /**
   * A reader that splits lines but leaves parsing to the caller (e.g. to do it on other threads).
   */
  public static JsonlReader rawLines(Path file) throws IOException {
    return new JsonlReader(Files.newInputStream(file), file.toString(), false);
  }

  public String name() {
    return name;
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      try {
        next = readNext();
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + name + " after line " + lineNumber, e);
      }
    }
    return next != null;
  }

  @Override
  public Line next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Line l = next;
    next = null;
    return l;
  }

  private Line readNext() throws IOException {
    while (true) {
      int len = readLine();
      if (len < 0) {
        return null;
      }
      lineNumber++;
      if (isBlank(line, len)) {
        continue;
      }
      byte[] bytes = Arrays.copyOf(line, len);
      if (!parse) {
        return new Line(lineNumber, bytes, len, null, null);
      }
      return parseLine(lineNumber, bytes, len);
    }
  }

  /** Parses one line's bytes into JSON, turning any syntax error into a readable message. */
  public static Line parseLine(long number, byte[] bytes, int len) {
    try (JsonParser p = Json.MAPPER.getFactory().createParser(bytes, 0, len)) {
      JsonNode node = Json.MAPPER.readTree(p);
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        return new Line(
            number,
            bytes,
            len,
            null,
            "unexpected content after the JSON value at column "
                + p.currentLocation().getColumnNr());
      }
      return new Line(number, bytes, len, node, null);
    } catch (JsonProcessingException e) {
      return new Line(number, bytes, len, null, malformed(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * How a line's JSON syntax error is reported: the parser's words and the column. A broken limit
   * (nesting too deep, a number too long) comes without a location.
   */
  static String malformed(JsonProcessingException e) {
    return "malformed JSON: "
        + e.getOriginalMessage()
        + (e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")");
  }

  private static boolean isBlank(byte[] b, int len) {
    for (int i = 0; i < len; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads the next line into {@link #line}; returns its length without the newline, or -1 at EOF.
   */
  private int readLine() throws IOException {
    int len = 0;
    boolean any = false;
    while (true) {
      if (bufPos >= bufLen) {
        if (eof) {
          return any ? stripCr(len) : -1;
        }
        bufLen = in.read(buf);
        bufPos = 0;
        if (bufLen <= 0) {
          eof = true;
          bufLen = 0;
          continue;
        }
      }
      any = true;
      int start = bufPos;
      int end = start;
      while (end < bufLen && buf[end] != '\n') {
        end++;
      }
      int n = end - start;
      if (len + n > line.length) {
        line = Arrays.copyOf(line, Math.max(line.length * 2, len + n));
      }
      System.arraycopy(buf, start, line, len, n);
      len += n;
      if (end < bufLen) {
        bufPos = end + 1;
        return stripCr(len);
      }
      bufPos = bufLen;
    }
  }

  private int stripCr(int len) {
    return len > 0 && line[len - 1] == '\r' ? len - 1 : len;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
