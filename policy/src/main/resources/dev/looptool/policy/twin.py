"""PyTorch twin of looptool's built-in policy decoder, for `looptool policy bench`.

The same pre-norm causal decoder (learnt positions, n-gram token inputs, call-index inputs, GELU feed-forward,
untied output projection, no dropout), the same shapes, the same cross-entropy over the answer positions with Adam and global-norm clipping, and
the same batched greedy decoding with a KV cache that also gathers each chosen token's
log-probability. Prints one JSON line with the measured throughput.
"""
import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

ANSWER, CALL_OPEN = 7, 8


class Block(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.o = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.f1 = nn.Linear(d, 4 * d)
        self.f2 = nn.Linear(4 * d, d)

    def forward(self, x, bias, cache=None):
        b, t, d = x.shape
        h = self.heads
        q, k, v = self.qkv(self.ln1(x)).split(d, dim=2)
        q = q.view(b, t, h, d // h).transpose(1, 2) * (1.0 / math.sqrt(d // h))
        k = k.view(b, t, h, d // h).transpose(1, 2)
        v = v.view(b, t, h, d // h).transpose(1, 2)
        if cache is not None:
            if cache[0] is not None:
                k = torch.cat([cache[0], k], dim=2)
                v = torch.cat([cache[1], v], dim=2)
            cache[0], cache[1] = k, v
        att = (q @ k.transpose(2, 3)) + bias
        o = (att.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d)
        x = x + self.o(o)
        return x + self.f2(F.gelu(self.f1(self.ln2(x))))


class Decoder(nn.Module):
    def __init__(self, vocab, d, layers, heads, max_seq, ngram, call_index):
        super().__init__()
        self.tok = nn.Embedding(vocab, d)
        self.pos = nn.Embedding(max_seq, d)
        # Position t also embeds the ids at t-1 .. t-(ngram-1), each with a table of its own.
        self.prev = nn.ModuleList([nn.Embedding(vocab, d) for _ in range(ngram - 1)])
        # ... and how many calls the answer has opened so far (CALL_OPEN ids after ANSWER), capped.
        self.call_index = call_index
        self.calls = nn.Embedding(call_index + 1, d) if call_index > 0 else None
        self.blocks = nn.ModuleList([Block(d, heads) for _ in range(layers)])
        self.ln = nn.LayerNorm(d)
        self.out = nn.Linear(d, vocab)

    def hidden(self, ids, pos, bias, caches=None, history=None):
        x = self.tok(ids) + self.pos(pos)
        n = len(self.prev) + 1
        if n > 1:
            t = ids.shape[1]
            before = history[0] if history is not None and history[0] is not None else ids.new_zeros(ids.shape[0], n - 1)
            full = torch.cat([before, ids], dim=1)
            for k, emb in enumerate(self.prev, start=1):
                x = x + emb(full[:, n - 1 - k:n - 1 - k + t])
            if history is not None:
                history[0] = full[:, t:]
        if self.calls is not None:
            started = (ids == ANSWER).long().cumsum(1)
            if history is not None and history[1] is not None:
                started = started + history[1]
            count = ((ids == CALL_OPEN) & (started > 0)).long().cumsum(1)
            if history is not None and history[2] is not None:
                count = count + history[2]
            if history is not None:
                history[1], history[2] = started[:, -1:], count[:, -1:]
            x = x + self.calls(count.clamp(max=self.call_index))
        for i, blk in enumerate(self.blocks):
            x = blk(x, bias, None if caches is None else caches[i])
        return self.ln(x)

    def forward(self, ids, pos, bias, caches=None, history=None):
        return self.out(self.hidden(ids, pos, bias, caches, history))


def main():
    ap = argparse.ArgumentParser()
    for name, default in [("vocab", 512), ("d-model", 128), ("layers", 2), ("heads", 4), ("ngram", 3), ("call-index", 0), ("seq", 128),
                          ("batch", 32),
                          ("train-steps", 30), ("decode-batch", 32), ("prompt-len", 64), ("new-tokens", 64),
                          ("warmup", 5), ("threads", 2)]:
        ap.add_argument("--" + name, type=int, default=default)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    max_seq = max(a.seq, a.prompt_len + a.new_tokens)
    model = Decoder(a.vocab, a.d_model, a.layers, a.heads, max_seq, a.ngram, a.call_index)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    seqs = torch.randint(8, a.vocab, (a.batch, a.seq))
    inputs, targets = seqs[:, :-1], seqs[:, 1:]
    t = a.seq - 1
    mask = torch.zeros(a.batch, t, dtype=torch.bool)
    mask[:, a.seq // 2 - 1:] = True
    answer_index = mask.reshape(-1).nonzero().squeeze(1)
    answer_targets = targets.reshape(-1)[answer_index].unsqueeze(1)
    pos = torch.arange(t).unsqueeze(0)
    causal = torch.full((t, t), -1e9).triu(1).view(1, 1, t, t)

    def train_step():
        # Like the Java side, only answer positions are projected to the vocabulary.
        h = model.hidden(inputs, pos, causal).reshape(-1, a.d_model)[answer_index]
        lp = model.out(h).log_softmax(1).gather(1, answer_targets).squeeze(1)
        loss = -lp.sum() / lp.numel()
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return loss.item()

    for _ in range(a.warmup):
        train_step()
    t0 = time.perf_counter()
    for _ in range(a.train_steps):
        train_step()
    train_secs = time.perf_counter() - t0

    prompts = torch.randint(8, a.vocab, (a.decode_batch, a.prompt_len))

    @torch.no_grad()
    def decode():
        caches = [[None, None] for _ in model.blocks]
        history = [None, None, None]
        p = a.prompt_len
        bias = torch.full((p, p), -1e9).triu(1).view(1, 1, p, p)
        logits = model(prompts, torch.arange(p).unsqueeze(0), bias, caches, history)[:, -1, :]
        n = 0
        for s in range(a.new_tokens):
            lp = logits.log_softmax(-1)
            tok = lp.argmax(-1)
            lp.gather(1, tok.unsqueeze(1)).tolist()
            n += tok.numel()
            if s + 1 == a.new_tokens:
                break
            keys = p + s + 1
            logits = model(tok.unsqueeze(1), torch.full((a.decode_batch, 1), p + s), torch.zeros(1, 1, 1, keys), caches, history)[:, -1, :]
        return n

    decode()
    t1 = time.perf_counter()
    decoded = sum(decode() for _ in range(3))
    decode_secs = time.perf_counter() - t1
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "train_steps_per_sec": a.train_steps / train_secs,
        "train_tokens_per_sec": a.train_steps * a.batch * t / train_secs,
        "decode_tokens_per_sec": decoded / decode_secs,
    }))


if __name__ == "__main__":
    main()
