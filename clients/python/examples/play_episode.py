#!/usr/bin/python3
"""Play one MLEDojo episode on spaceship-titanic through the gateway, over HTTP, WebSocket, or both.

    /usr/bin/python3 clients/python/examples/play_episode.py [URL] [--transport http|ws|both]

URL defaults to $DOJO_GATEWAY, else http://127.0.0.1:8080. $DOJO_API_KEY, when set, is sent as a bearer token
(a gateway started with --insecure-no-auth, or one without auth, needs none). Exits 1 when any step fails or the
submission is invalid, so CI can run it as a check.
"""
import argparse
import asyncio
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from mledojo_client import (DojoError, HttpEnv, WsEnv, execute_code, get_history,  # noqa: E402
                            request_info)

COMPETITION = "spaceship-titanic"

# The code the sandbox runs. The runner sets DOJO_DATA_DIR (the public data) and DOJO_OUTPUT_DIR (where
# submission.csv is collected, also the working directory); data_path from request_info is the fallback so the
# program also runs under runners that do not set the variable.
SOLUTION = r'''
import os
import pandas as pd
from sklearn.ensemble import RandomForestClassifier

data_dir = os.environ.get("DOJO_DATA_DIR", {data_path!r})
out_dir = os.environ.get("DOJO_OUTPUT_DIR", ".")
train = pd.read_csv(os.path.join(data_dir, "train.csv"))
test = pd.read_csv(os.path.join(data_dir, "test.csv"))

def features(df):
    x = df[["Age", "RoomService", "FoodCourt", "ShoppingMall", "Spa", "VRDeck"]].copy()
    x["CryoSleep"] = df["CryoSleep"].map({{True: 1.0, False: 0.0, "True": 1.0, "False": 0.0}})
    x["VIP"] = df["VIP"].map({{True: 1.0, False: 0.0, "True": 1.0, "False": 0.0}})
    deck_side = df["Cabin"].fillna("U/0/U").str.split("/", expand=True)
    x["Deck"], x["Side"] = deck_side[0], deck_side[2]
    x["HomePlanet"], x["Destination"] = df["HomePlanet"], df["Destination"]
    return x

both = pd.concat([features(train), features(test)], keys=["train", "test"])
both = pd.get_dummies(both, columns=["Deck", "Side", "HomePlanet", "Destination"], dummy_na=True).astype(float)
both = both.fillna(both.median())
model = RandomForestClassifier(n_estimators=100, max_depth=10, random_state=0, n_jobs=1)
model.fit(both.loc["train"].values, train["Transported"].astype(bool))
prediction = model.predict(both.loc["test"].values)
pd.DataFrame({{"PassengerId": test["PassengerId"], "Transported": prediction.astype(bool)}}).to_csv(
    os.path.join(out_dir, "submission.csv"), index=False)
print("wrote submission.csv with", len(test), "rows")
'''


class EpisodeFailed(Exception):
    pass


def check_step(name, answer):
    """A step that the server refused (action_status FAILED) fails the example."""
    observation = answer.get("observation") or {}
    if observation.get("action_status") != "SUCCESS":
        raise EpisodeFailed(f"{name}: {observation.get('action_status')}: "
                            f"{observation.get('error') or observation.get('feedback')}")
    return observation


def report_execution(transport, answer):
    """Print the scores and reward; fail unless the code ran and the submission was valid and scored."""
    observation = check_step("execute_code", answer)
    execution = observation.get("execution") or {}
    submission = execution.get("submission") or {}
    print(f"[{transport}] execution: {execution.get('status')} in {execution.get('duration_s', 0):.1f}s, "
          f"stdout: {(execution.get('stdout') or '').strip()[:200]}")
    if execution.get("status") != "success":
        raise EpisodeFailed(f"execute_code: status {execution.get('status')}: {(execution.get('stderr') or '')[-2000:]}")
    if not submission.get("valid"):
        raise EpisodeFailed(f"invalid submission: {submission.get('error_type')}: {submission.get('error')}")
    raw, position = submission.get("raw_score"), submission.get("position_score")
    print(f"[{transport}] raw score {raw}  position score {position}  reward {answer.get('reward')}  "
          f"medal {submission.get('medal')}")
    if raw is None or position is None:
        raise EpisodeFailed("the submission was valid but not scored")


def options():
    return {"max_steps": 10, "agent_name": "python-client-example", "score_mode": "position"}


def play_http(url, token, episode_id):
    env = HttpEnv(url, token=token)
    print(f"[http] health: {env.health()}")
    reset = env.reset(COMPETITION, episode_id=episode_id, options=options())
    print(f"[http] episode {env.episode_id}: {reset['observation']['steps_left']} steps left")
    overview = check_step("request_info overview", env.step(request_info("overview")))
    print(f"[http] overview: {(overview.get('info') or {}).get('overview', '')[:120]!r}...")
    data_path = (check_step("request_info data_path", env.step(request_info("data_path"))).get("info") or {}).get("data_path", ".")
    report_execution("http", env.step(execute_code(SOLUTION.format(data_path=data_path))))
    history = check_step("get_history", env.step(get_history())).get("history") or []
    print(f"[http] history: {[entry['action_type'] for entry in history]}")
    state = env.state()
    print(f"[http] state: status {state.get('status')}, steps {state.get('step_count')}, "
          f"best position score {state.get('best_position_score')}")
    if not any(entry.get("action_type") == "execute_code" for entry in history):
        raise EpisodeFailed("get_history does not list the execution")
    final = env.close()
    print(f"[http] closed: status {(final or {}).get('status')}, steps {(final or {}).get('step_count')}")
    if (final or {}).get("status") != "closed":
        raise EpisodeFailed(f"close left the episode {(final or {}).get('status')}")


async def play_ws(url, token, episode_id):
    env = WsEnv(url, token=token)
    await env.connect()
    try:
        reset = await env.reset(COMPETITION, episode_id=episode_id, options=options())
        print(f"[ws] episode {env.episode_id}: {reset['observation']['steps_left']} steps left")
        overview = check_step("request_info overview", await env.step(request_info("overview")))
        print(f"[ws] overview: {(overview.get('info') or {}).get('overview', '')[:120]!r}...")
        data_path = (check_step("request_info data_path", await env.step(request_info("data_path"))).get("info") or {}).get("data_path", ".")
        # Drop the connection on purpose: the episode lives on the server and the next call resumes it by id.
        await env.disconnect()
        report_execution("ws", await env.step(execute_code(SOLUTION.format(data_path=data_path))))
        history = check_step("get_history", await env.step(get_history())).get("history") or []
        print(f"[ws] history: {[entry['action_type'] for entry in history]}")
        if not any(entry.get("action_type") == "execute_code" for entry in history):
            raise EpisodeFailed("get_history does not list the execution")
    except BaseException:
        await env.disconnect()
        raise
    final = await env.close()
    print(f"[ws] closed: status {(final or {}).get('status')}, steps {(final or {}).get('step_count')}")
    if (final or {}).get("status") != "closed":
        raise EpisodeFailed(f"close left the episode {(final or {}).get('status')}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", nargs="?", default=os.environ.get("DOJO_GATEWAY", "http://127.0.0.1:8080"))
    parser.add_argument("--transport", choices=("http", "ws", "both"), default="both")
    args = parser.parse_args(argv)
    token = os.environ.get("DOJO_API_KEY") or None
    # Unique ids, so reruns against a long-lived gateway start new episodes instead of resuming old ones.
    stamp = f"{int(time.time())}-{os.getpid()}"
    failed = False
    for transport in ("http", "ws") if args.transport == "both" else (args.transport,):
        started = time.monotonic()
        try:
            if transport == "http":
                play_http(args.url, token, f"py-http-{stamp}")
            else:
                asyncio.run(play_ws(args.url, token, f"py-ws-{stamp}"))
            print(f"[{transport}] OK in {time.monotonic() - started:.1f}s")
        except (DojoError, EpisodeFailed, KeyError, TypeError) as e:
            print(f"[{transport}] FAILED: {type(e).__name__}: {e}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
