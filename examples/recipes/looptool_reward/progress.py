"""looptool's trainer progress protocol (ExternalTrainer): one JSON object per stdout line with
``step`` and optionally ``phase``, ``total_steps``, ``loss``, ``mean_reward``,
``tokens_per_second``; every other stdout line goes to the job's log.

The recipes never report ``checkpoint``: a retried train activity passes the last reported
checkpoint as the initial one, and verl's and TRL's intermediate checkpoints are not Hugging Face
models; they resume from their own checkpoints in the output directory instead.
"""

import json
import math
import re

__all__ = ["line", "VerlConsole"]


def _number(v):
    if v is None:
        return None
    f = float(v)
    return f if math.isfinite(f) else None


def line(step, total_steps=None, loss=None, mean_reward=None, tokens_per_second=None,
         phase="grpo"):
    """One progress line; numbers that are absent or not finite are left out (read as 0)."""
    o = {"phase": phase, "step": int(step)}
    if total_steps is not None:
        o["total_steps"] = int(total_steps)
    for key, value in (("loss", loss), ("mean_reward", mean_reward),
                       ("tokens_per_second", tokens_per_second)):
        v = _number(value)
        if v is not None:
            o[key] = v
    return json.dumps(o, separators=(",", ":"))


# verl's console logger writes "step:12 - actor/pg_loss:0.01 - critic/score/mean:0.5 - ...", each
# value as pprint writes it: a plain number, or numpy's "np.float64(0.5)" repr.
_FIELD = re.compile(r"^([^:\s][^:]*):(.*)$")
_WRAPPED = re.compile(r"^[A-Za-z_][\w.]*\((.*)\)$")
# Ray prefixes what its actors print, verl's TaskRunner included: "(TaskRunner pid=2211) ".
_RAY_PREFIX = re.compile(r"^\([^()]*\)\s*")
_TOTAL = re.compile(r"Total training steps: (\d+)")

# Which verl metric feeds which progress field, first present wins.
VERL_LOSS = ("actor/pg_loss",)
VERL_REWARD = ("critic/score/mean", "critic/rewards/mean")
VERL_THROUGHPUT = ("perf/throughput",)


def _value(text):
    s = text.strip()
    m = _WRAPPED.match(s)
    if m:
        s = m.group(1).strip()
    try:
        return float(s)
    except ValueError:
        return None


class VerlConsole:
    """Turns verl's console output into progress lines; other lines are passed through."""

    def __init__(self, total_steps=None):
        self.total_steps = total_steps

    def metrics(self, text):
        """The metrics of a console metrics line, or None for any other line."""
        s = _RAY_PREFIX.sub("", text.strip())
        if not s.startswith("step:"):
            return None
        out = {}
        for part in s.split(" - "):
            m = _FIELD.match(part.strip())
            if not m:
                return None
            v = _value(m.group(2))
            if v is not None:
                out[m.group(1)] = v
        if "step" not in out:
            return None
        return out

    def translate(self, text):
        """The progress line for one line of verl output, or None when it is not a metrics line."""
        t = _TOTAL.search(text)
        if t:
            self.total_steps = int(t.group(1))
            return None
        m = self.metrics(text)
        if m is None:
            return None

        def first(keys):
            for k in keys:
                if k in m:
                    return m[k]
            return None

        return line(int(m["step"]), self.total_steps, first(VERL_LOSS), first(VERL_REWARD),
                    first(VERL_THROUGHPUT))

    def filter(self, lines, out, log):
        """Writes a progress line to out for each metrics line, every line to log."""
        for raw in lines:
            log.write(raw)
            log.flush()
            p = self.translate(raw)
            if p is not None:
                out.write(p + "\n")
                out.flush()
