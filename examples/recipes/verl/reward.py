"""The ToolMatch reward in verl's custom reward interface.

verl loads this file by path (``custom_reward_function.path``) and calls ``compute_score`` (its
``custom_reward_function.name``) with the decoded response (``skip_special_tokens=True``: Qwen's
``<tool_call>`` and ``<think>`` tokens are not special, so they stay) and the row's
``reward_model.ground_truth``: the authors' ``output`` string that looptool's verl export writes.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from looptool_reward import toolmatch  # noqa: E402


def compute_score(data_source, solution_str, ground_truth, extra_info=None, **kwargs):
    """1.0 when the response's calls match the ground truth's (ToolMatch), else 0.0."""
    return toolmatch.reward(solution_str, ground_truth)
