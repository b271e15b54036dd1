"""Scores of DataSelectEnv's own code (Mihir1107/DataSelectEnv@eeced07) for the agents docs/DATASELECT.md compares.

usage: /usr/bin/python3 bench/dataselect_original.py PATH_TO_DATASELECTENV_CHECKOUT

Needs numpy and scikit-learn (Debian's python3-sklearn). pydantic is not needed: when it is missing, the
original's models are replaced by plain dataclasses with the same fields (its env only reads their attributes).
The task settings and the grader are those of the original's server.py, restated here because server.py
imports FastAPI.
"""
import copy
import dataclasses
import sys
import types
from typing import Dict

import numpy as np

sys.path.insert(0, sys.argv[1])
try:
    import pydantic  # noqa: F401
except ImportError:
    models = types.ModuleType("models")

    @dataclasses.dataclass
    class Observation:
        remaining_budget: int
        diversity_score: float
        noise_estimate: float
        current_performance: float
        samples_available: int

    @dataclasses.dataclass
    class Action:
        action_type: str
        batch_size: int
        strategy_weights: Dict[str, float]

    @dataclasses.dataclass
    class EnvState:
        step_count: int
        remaining_budget: object
        current_performance: object
        pool_size: object
        done: bool

    models.Observation, models.Action, models.EnvState = Observation, Action, EnvState
    sys.modules["models"] = models

from env import DataSelectEnv  # noqa: E402
from models import Action  # noqa: E402

BASE = {"data": {"n_samples": 1500, "n_features": 20, "n_informative": 5, "n_redundant": 5, "flip_y": 0.1},
        "budget": 300, "max_steps": 15, "alpha": 0.2, "min_batch": 5}
TASKS = {"easy": (0.05, 300, 15, 0.60), "medium": (0.25, 150, 12, 0.57), "hard": (0.30, 100, 8, 0.62)}


def config(task):
    flip, budget, steps, stop = TASKS[task]
    cfg = copy.deepcopy(BASE)
    cfg["data"]["flip_y"], cfg["budget"], cfg["max_steps"], cfg["stop_threshold"] = flip, budget, steps, stop
    return cfg


def grade(task, obs, noise_ratios, cfg):
    perf = obs.current_performance
    if task == "easy":
        return float(np.clip((perf - 0.55) / 0.20, 0, 1))
    if task == "medium":
        noise = float(np.mean(noise_ratios)) if noise_ratios else 1.0
        return round(0.6 * float(np.clip((perf - 0.42) / 0.20, 0, 1)) + 0.4 * float(np.clip(1 - noise / 0.5, 0, 1)), 4)
    used = cfg["budget"] - obs.remaining_budget
    return round(0.65 * float(np.clip((perf - 0.50) / 0.22, 0, 1)) + 0.35 * float(np.clip(1 - used / cfg["budget"], 0, 1)), 4)


def fixed(weights):
    return lambda seed: (lambda obs: Action("select_batch", 10, weights))


def uniform_random(seed):
    rng = np.random.RandomState(seed)

    def act(obs):
        stop = rng.randint(2) == 1
        size = int(rng.randint(obs.remaining_budget + 1))
        w = {"uncertainty": rng.rand(), "diversity": rng.rand(), "random": rng.rand()}
        return Action("stop" if stop else "select_batch", size, w)
    return act


def play(task, seed, agent):
    cfg = config(task)
    env = DataSelectEnv(cfg, seed=seed)
    obs, done, noise, steps = env.reset(), False, [], 0
    # The original never ends a stop with batch_size 0 (it answers "empty batch"); 50 steps bound that loop.
    while not done and steps < 50:
        obs, _, done, info = env.step(agent(obs))
        steps += 1
        if "noise_ratio" in info:
            noise.append(info["noise_ratio"])
    return grade(task, obs, noise, cfg), obs.current_performance


AGENTS = [("balanced (baseline)", fixed({"uncertainty": 0.4, "diversity": 0.4, "random": 0.2})),
          ("random sampling (random=1, batch 10)", fixed({"uncertainty": 0.0, "diversity": 0.0, "random": 1.0})),
          ("uniform random actions", uniform_random)]
print("| agent | seeds | easy score (perf) | medium score (perf) | hard score (perf) |")
print("|---|---|---|---|---|")
for name, make in AGENTS:
    for label, seeds in (("42", [42]), ("mean 0-19", range(20))):
        cells = []
        for task in TASKS:
            results = [play(task, s, make(s)) for s in seeds]
            cells.append("%.4f (%.4f)" % (np.mean([r[0] for r in results]), np.mean([r[1] for r in results])))
        print("| %s | %s | %s |" % (name, label, " | ".join(cells)))
