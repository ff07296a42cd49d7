package dev.looptool.core.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {
  @Test
  void namedThreadsAreDaemonsWithTheSameName() {
    ThreadFactory f = DaemonThreads.named("looptool-keep-alive");
    Thread a = f.newThread(() -> {});
    Thread b = f.newThread(() -> {});
    assertTrue(a.isDaemon());
    assertEquals("looptool-keep-alive", a.getName());
    assertEquals("looptool-keep-alive", b.getName());
  }

  @Test
  void numberedThreadsCountFromOnePerFactory() {
    ThreadFactory f = DaemonThreads.numbered("fake-openai");
    assertEquals("fake-openai-1", f.newThread(() -> {}).getName());
    Thread second = f.newThread(() -> {});
    assertEquals("fake-openai-2", second.getName());
    assertTrue(second.isDaemon());
    assertEquals(
        "fake-openai-1", DaemonThreads.numbered("fake-openai").newThread(() -> {}).getName());
  }
}
