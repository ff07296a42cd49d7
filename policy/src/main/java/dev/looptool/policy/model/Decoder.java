package dev.looptool.policy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import dev.looptool.policy.text.Tokenizer;
import dev.looptool.policy.train.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A small pre-norm causal transformer decoder (GPT-2 style: learnt positions, pre-LayerNorm blocks,
 * GELU feed-forward, untied output projection, no dropout) with n-gram token inputs (see {@link
 * DecoderConfig#ngram()}), written directly on NDArrays because DJL's transformer blocks are
 * post-norm encoders. Its weights live in their own manager; every activation is created from an
 * activation-first expression, so it belongs to the caller's per-step manager and never piles up
 * next to the weights.
 */
public final class Decoder implements AutoCloseable {
  private final DecoderConfig config;
  private final NDManager manager;
  private final List<String> names = new ArrayList<>();
  private final List<Shape> shapes = new ArrayList<>();
  private final NDList params = new NDList();

  private Decoder(DecoderConfig config, NDManager parent) {
    this.config = config;
    this.manager = parent.newSubManager();
    int d = config.dModel();
    int v = config.vocabSize();
    declare("tok_emb", new Shape(v, d));
    declare("pos_emb", new Shape(config.maxSeq(), d));
    for (int k = 1; k < config.ngram(); k++) {
      declare("prev" + k + "_emb", new Shape(v, d));
    }
    if (config.callIndex() > 0) {
      declare("call_emb", new Shape(config.callIndex() + 1L, d));
    }
    for (int l = 0; l < config.layers(); l++) {
      String p = "layer" + l + ".";
      declare(p + "ln1.g", new Shape(d));
      declare(p + "ln1.b", new Shape(d));
      declare(p + "attn.w_qkv", new Shape(d, 3L * d));
      declare(p + "attn.b_qkv", new Shape(3L * d));
      declare(p + "attn.w_o", new Shape(d, d));
      declare(p + "attn.b_o", new Shape(d));
      declare(p + "ln2.g", new Shape(d));
      declare(p + "ln2.b", new Shape(d));
      declare(p + "ffn.w_1", new Shape(d, config.ffn()));
      declare(p + "ffn.b_1", new Shape(config.ffn()));
      declare(p + "ffn.w_2", new Shape(config.ffn(), d));
      declare(p + "ffn.b_2", new Shape(d));
    }
    declare("ln_f.g", new Shape(d));
    declare("ln_f.b", new Shape(d));
    declare("out.w", new Shape(d, v));
    declare("out.b", new Shape(v));
  }

  private void declare(String name, Shape shape) {
    names.add(name);
    shapes.add(shape);
  }

  /**
   * Fresh weights drawn from {@code rng} (normal, std 0.02; residual projections scaled by
   * 1/sqrt(2·layers); LayerNorm gains 1, biases 0), so initialisation is reproducible.
   */
  public static Decoder initialise(DecoderConfig config, NDManager parent, Rng rng) {
    Decoder dec = new Decoder(config, parent);
    List<float[]> values = new ArrayList<>();
    double residual = 0.02 / Math.sqrt(2.0 * config.layers());
    for (int i = 0; i < dec.names.size(); i++) {
      String n = dec.names.get(i);
      float[] a = new float[(int) dec.shapes.get(i).size()];
      if (n.endsWith(".g")) {
        java.util.Arrays.fill(a, 1f);
      } else if (n.contains(".b") || n.endsWith("out.b")) {
        // biases start at zero
      } else {
        double std = n.endsWith("w_o") || n.endsWith("w_2") ? residual : 0.02;
        for (int j = 0; j < a.length; j++) {
          a[j] = (float) (rng.nextGaussian() * std);
        }
      }
      values.add(a);
    }
    dec.load(values);
    return dec;
  }

  /** A decoder with the given weights (in {@link #names()} order). */
  public static Decoder of(DecoderConfig config, NDManager parent, List<float[]> values) {
    Decoder dec = new Decoder(config, parent);
    dec.load(values);
    return dec;
  }

  private void load(List<float[]> values) {
    if (values.size() != names.size()) {
      throw new IllegalArgumentException(
          "expected " + names.size() + " weight tensors, got " + values.size());
    }
    for (int i = 0; i < names.size(); i++) {
      if (values.get(i).length != shapes.get(i).size()) {
        throw new IllegalArgumentException(
            names.get(i)
                + ": expected "
                + shapes.get(i).size()
                + " values for shape "
                + shapes.get(i)
                + ", got "
                + values.get(i).length);
      }
      NDArray a = Tensors.of(manager, values.get(i), shapes.get(i));
      a.setRequiresGradient(true);
      params.add(a);
    }
  }

  public DecoderConfig config() {
    return config;
  }

  public NDManager manager() {
    return manager;
  }

  public List<String> names() {
    return Collections.unmodifiableList(names);
  }

  public List<Shape> shapes() {
    return Collections.unmodifiableList(shapes);
  }

  /** The trainable weights, in {@link #names()} order. */
  public NDList parameters() {
    return params;
  }

  public long parameterCount() {
    long n = 0;
    for (Shape s : shapes) {
      n += s.size();
    }
    return n;
  }

  /** The weights copied out to Java arrays (a checkpoint writes these bit for bit). */
  public List<float[]> weights() {
    List<float[]> out = new ArrayList<>(params.size());
    for (NDArray p : params) {
      out.add(p.toFloatArray());
    }
    return out;
  }

  /** Copies weights into this decoder in place (used to restore a reference or a snapshot). */
  public void copyFrom(List<float[]> values) {
    for (int i = 0; i < params.size(); i++) {
      NDArray p = params.get(i);
      try (NDManager tmp = manager.newSubManager()) {
        p.set(tmp.create(values.get(i), shapes.get(i)).toByteBuffer());
      }
    }
  }

  /**
   * Logits [B,T,V] for token ids [B,T] at positions {@code positions} ([B,T] or [1,T], int64) with
   * an additive attention bias broadcastable to [B,heads,T,keys] (0 where attending is allowed, a
   * large negative number elsewhere). With a cache, keys and values are appended to it and the bias
   * must cover the cached keys too.
   */
  public NDArray forward(NDArray ids, NDArray positions, NDArray bias, KvCache cache) {
    return logits(hidden(ids, positions, bias, cache));
  }

  /**
   * The final (normalised) hidden states [..., d] that {@link #logits} projects to the vocabulary.
   */
  public NDArray hidden(NDArray ids, NDArray positions, NDArray bias, KvCache cache) {
    int d = config.dModel();
    int h = config.heads();
    int dh = config.headDim();
    long b = ids.getShape().get(0);
    long t = ids.getShape().get(1);
    NDArray x = embed(ids, params.get(0)).add(embed(positions, params.get(1)));
    int n = config.ngram();
    if (n > 1) {
      // The n-1 ids before each position: PAD before the sequence starts, else from the ids seen
      // so far (the cache keeps the last n-1 of them between decoding steps).
      NDArray before =
          cache != null && cache.history() != null
              ? cache.history()
              : ids.getManager().zeros(new Shape(b, n - 1), ids.getDataType());
      NDArray all = before.concat(ids, 1);
      for (int k = 1; k < n; k++) {
        x =
            x.add(
                embed(
                    all.get(new NDIndex(":, {}:{}", n - 1 - k, n - 1 - k + t)), params.get(1 + k)));
      }
      if (cache != null) {
        cache.setHistory(all.get(new NDIndex(":, {}:", t)));
      }
    }
    int p = 1 + n;
    if (config.callIndex() > 0) {
      x = x.add(embed(callIndices(ids, config.callIndex(), cache), params.get(p++)));
    }
    NDArray scale = Tensors.scalar(ids.getManager(), (float) (1.0 / Math.sqrt(dh)));
    for (int l = 0; l < config.layers(); l++) {
      NDArray hdn = layerNorm(x, params.get(p), params.get(p + 1));
      NDArray qkv = hdn.matMul(params.get(p + 2)).add(params.get(p + 3));
      NDList parts = qkv.split(3, 2);
      // Scaling the queries rather than the scores touches T·dh numbers per head instead of T·T.
      NDArray q = parts.get(0).reshape(b, t, h, dh).transpose(0, 2, 1, 3).mul(scale);
      NDArray k = parts.get(1).reshape(b, t, h, dh).transpose(0, 2, 1, 3);
      NDArray v = parts.get(2).reshape(b, t, h, dh).transpose(0, 2, 1, 3);
      if (cache != null) {
        k = cache.appendKeys(l, k);
        v = cache.appendValues(l, v);
      }
      NDArray att = q.matMul(k.transpose(0, 1, 3, 2)).addi(bias).softmax(3);
      NDArray o = att.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, d);
      x = x.add(o.matMul(params.get(p + 4)).add(params.get(p + 5)));
      hdn = layerNorm(x, params.get(p + 6), params.get(p + 7));
      NDArray f = Activation.gelu(hdn.matMul(params.get(p + 8)).add(params.get(p + 9)));
      x = x.add(f.matMul(params.get(p + 10)).add(params.get(p + 11)));
      p += 12;
    }
    return layerNorm(x, params.get(p), params.get(p + 1));
  }

  /**
   * The call index of each position [B,T]: the number of {@link Tokenizer#CALL_OPEN} tokens at or
   * before it and after the row's {@link Tokenizer#ANSWER}, capped at {@code cap}. Decoding carries
   * both running counts in the cache.
   */
  static NDArray callIndices(NDArray ids, int cap, KvCache cache) {
    NDManager m = ids.getManager();
    NDArray started =
        ids.eq(Tensors.scalar(m, (long) Tokenizer.ANSWER)).toType(DataType.INT64, false).cumSum(1);
    if (cache != null && cache.answerSeen() != null) {
      started = started.add(cache.answerSeen());
    }
    NDArray opens =
        ids.eq(Tensors.scalar(m, (long) Tokenizer.CALL_OPEN))
            .logicalAnd(started.gt(Tensors.scalar(m, 0L)));
    NDArray count = opens.toType(DataType.INT64, false).cumSum(1);
    if (cache != null && cache.callsOpened() != null) {
      count = count.add(cache.callsOpened());
    }
    if (cache != null) {
      cache.setCallState(started.get(new NDIndex(":, -1:")), count.get(new NDIndex(":, -1:")));
    }
    return count.minimum(Tensors.scalar(m, (long) cap));
  }

  /** Vocabulary logits of hidden states [..., d]. */
  public NDArray logits(NDArray hidden) {
    int p = params.size() - 2;
    return hidden.matMul(params.get(p)).add(params.get(p + 1));
  }

  /**
   * Rows {@code index} [N] (int64) of a [rows, d] matrix, differentiably: the embedding lookup
   * serves as a gather whose gradient flows back into the matrix.
   */
  public static NDArray rows(NDArray matrix, NDArray index) {
    return embed(index, matrix);
  }

  private static NDArray embed(NDArray ids, NDArray table) {
    return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }

  private NDArray layerNorm(NDArray x, NDArray gain, NDArray bias) {
    return x.getNDArrayInternal()
        .layerNorm(x, new Shape(config.dModel()), gain, bias, 1e-5f)
        .singletonOrThrow();
  }

  /**
   * The additive causal bias [1,1,T,T] for teacher forcing: 0 on and below the diagonal, -1e9 above
   * (the engine has no tril, so the mask is built here).
   */
  public static NDArray causalBias(NDManager m, int t) {
    float[] a = new float[t * t];
    for (int i = 0; i < t; i++) {
      for (int j = i + 1; j < t; j++) {
        a[i * t + j] = -1e9f;
      }
    }
    return Tensors.of(m, a, new Shape(1, 1, t, t));
  }

  /** Positions 0..t-1 as [1,t] int64. */
  public static NDArray positions(NDManager m, int t) {
    long[] a = new long[t];
    for (int i = 0; i < t; i++) {
      a[i] = i;
    }
    return Tensors.of(m, a, new Shape(1, t));
  }

  /** Token ids [B,T] as int64 from row arrays padded with PAD (0). */
  public static NDArray ids(NDManager m, long[] flat, int rows, int cols) {
    return Tensors.of(m, flat, new Shape(rows, cols));
  }

  @Override
  public void close() {
    manager.close();
  }
}
