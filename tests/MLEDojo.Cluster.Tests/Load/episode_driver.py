"""Drives many episodes through a grid's HTTP gateway and records what it saw, for the cluster fault tests.

    MLEDOJO_API_KEY=mlk_... /usr/bin/python3 episode_driver.py --gateway URL --prefix ID --episodes N --steps S --concurrency C --report FILE

Each episode resets with a fixed id (a repeated reset resumes it) and takes S steps: request_info, and one
execute_code of a trivial script. Every step has its own request id, kept across retries: a step that fails with a
transport error or a 5xx (a silo died under it) is sent again, identically, until it is answered or --deadline-s
passes, so the grid may answer it from its record but must never run it twice. Prints "progress N" (steps answered)
as it goes and writes a JSON report: per episode, the request ids sent, the steps_taken each answer reported, and how
long each step waited and how many attempts it took.
"""
import argparse
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.environ["MLEDOJO_PYTHON_CLIENT"])
from mledojo_client import HttpEnv  # noqa: E402
from mledojo_client.errors import DojoError, DojoTransportError  # noqa: E402

COMPETITIONS = ["spaceship-titanic", "home-data-for-ml-course", "nomad2018-predict-transparent-conductors",
                "detecting-insults-in-social-commentary"]
INFO_TYPES = ["name", "data_path", "output_path", "metadata"]


def action_for(step):
    if step == 4:
        return {"action_type": "execute_code", "code": "print('step ok')"}
    return {"action_type": "request_info", "info_type": INFO_TYPES[step % len(INFO_TYPES)]}


class Driver:
    def __init__(self, args):
        self.args = args
        self.answered = 0
        self.lock = threading.Lock()

    def call(self, env, method, path, body):
        """One request, retried identically on transport errors and 5xx; returns (answer, waited_s, attempts)."""
        started = time.monotonic()
        attempts = 0
        while True:
            attempts += 1
            try:
                return env.request(method, path, body), time.monotonic() - started, attempts
            except DojoTransportError:
                pass
            except DojoError as e:
                status = getattr(e, "status", None) or 0
                if status == 429 and e.retry_after is not None:  # a quota: wait as told, then the same request
                    time.sleep(min(e.retry_after, 5.0))
                elif status < 500:
                    raise
            if time.monotonic() - started > self.args.deadline_s:
                raise DojoError(f"{method} {path}: no answer within {self.args.deadline_s} s ({attempts} attempts)")
            time.sleep(0.25)

    def episode(self, index):
        episode_id = f"{self.args.prefix}-{index}"
        record = {"id": episode_id, "request_ids": [], "steps_seen": [], "statuses": [], "waits_ms": [], "attempts": [],
                  "reset_wait_ms": None, "done": False, "error": None}
        env = HttpEnv(self.args.gateway, token=os.environ.get("MLEDOJO_API_KEY"), timeout=60.0, retries=0)
        try:
            reset = {"env": "mle", "competition": COMPETITIONS[index % len(COMPETITIONS)], "episode_id": episode_id,
                     "options": {"max_steps": self.args.steps, "agent_name": self.args.prefix}}
            _, waited, _ = self.call(env, "POST", "/reset", reset)
            record["reset_wait_ms"] = round(waited * 1000)
            for step in range(1, self.args.steps + 1):
                request_id = f"{episode_id}-s{step}"
                body = {"episode_id": episode_id, "request_id": request_id, "action": action_for(step)}
                answer, waited, attempts = self.call(env, "POST", "/step", body)
                record["request_ids"].append(request_id)
                record["steps_seen"].append(answer["observation"]["steps_taken"])
                record["statuses"].append(answer["observation"]["action_status"] + (
                    ": " + answer["observation"]["error"] if answer["observation"].get("error") else ""))
                record["waits_ms"].append(round(waited * 1000))
                record["attempts"].append(attempts)
                record["done"] = answer["done"]
                with self.lock:
                    self.answered += 1
        except Exception as e:  # the report says which episode failed and why; the test fails on it
            record["error"] = f"{type(e).__name__}: {e}"
        return record

    def run(self):
        stop = threading.Event()

        def report_progress():
            while not stop.wait(0.5):
                print(f"progress {self.answered}", flush=True)

        reporter = threading.Thread(target=report_progress, daemon=True)
        reporter.start()
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=self.args.concurrency) as pool:
            records = list(pool.map(self.episode, range(self.args.episodes)))
        stop.set()
        elapsed = time.monotonic() - started
        with open(self.args.report, "w", encoding="utf-8") as f:
            json.dump({"elapsed_s": round(elapsed, 3), "episodes": records}, f)
        failed = sum(1 for r in records if r["error"])
        print(f"finished {len(records)} episodes, {self.answered} steps, {failed} failed, {elapsed:.1f} s", flush=True)
        return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gateway", required=True)
    parser.add_argument("--prefix", required=True)
    parser.add_argument("--episodes", type=int, required=True)
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--concurrency", type=int, default=12)
    parser.add_argument("--deadline-s", type=float, default=120.0)
    parser.add_argument("--report", required=True)
    sys.exit(Driver(parser.parse_args()).run())


if __name__ == "__main__":
    main()
