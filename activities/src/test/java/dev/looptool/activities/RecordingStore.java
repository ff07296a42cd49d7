package dev.looptool.activities;

import dev.looptool.core.store.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An artifact store that remembers the key of every write, so a test can see what an attempt redid.
 */
public final class RecordingStore implements ArtifactStore {
  private final ArtifactStore store;
  public final List<String> written = new CopyOnWriteArrayList<>();

  public RecordingStore(ArtifactStore store) {
    this.store = store;
  }

  @Override
  public URI uri(String key) {
    return store.uri(key);
  }

  @Override
  public String key(URI uri) {
    return store.key(uri);
  }

  @Override
  public Path path(String key) {
    return store.path(key);
  }

  @Override
  public boolean exists(String key) {
    return store.exists(key);
  }

  @Override
  public String write(String key, Body body) throws IOException {
    written.add(key);
    return store.write(key, body);
  }

  @Override
  public InputStream open(String key) throws IOException {
    return store.open(key);
  }

  @Override
  public String sha256(String key) throws IOException {
    return store.sha256(key);
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    return store.list(prefix);
  }

  @Override
  public void delete(String key) throws IOException {
    store.delete(key);
  }

  @Override
  public void removeTemporaries(String keyPrefix) throws IOException {
    store.removeTemporaries(keyPrefix);
  }
}
