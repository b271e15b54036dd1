#!/usr/bin/python3
"""An arena agent script: upload it with `dojo submit --script clients/python/examples/arena_agent.py --set lite`.

The arena runs it once per episode of the submission, in a sandbox without a network. It is told where its gateway
is (DOJO_GATEWAY_URL, a unix:///... socket bound into the sandbox), a key good for this run's episode only
(DOJO_API_KEY), the episode the arena started for it (DOJO_EPISODE_ID), its competition and its step budget. It
plays that episode with the Python client (`mledojo_client`, which the arena puts beside the script) exactly as a
remote client would: resume the episode, read the competition's description, submit code, stop.

This agent submits the competition's sample submission, then, when steps are left, the same file again through
validate_code first: the score of doing nothing, a baseline every competition accepts. A real agent would read the
overview and data, write a model and improve it from the feedback.
"""
import os
import sys

from mledojo_client import DojoError, HttpEnv, execute_code, request_info, validate_code

# Runs inside the episode's own sandbox, where the runner sets DOJO_DATA_DIR (the public data) and the working
# directory is where submission.csv is collected.
SAMPLE_SUBMISSION = r'''
import glob, os, shutil
data = os.environ["DOJO_DATA_DIR"]
sample = sorted(glob.glob(os.path.join(data, "*ample*ubmission*.csv")))[0]  # sample_submission.csv, sampleSubmission.csv
shutil.copyfile(sample, "submission.csv")
print("copied", os.path.basename(sample))
'''


def main():
    gateway = os.environ.get("DOJO_GATEWAY_URL") or os.environ["DOJO_GATEWAY"]
    env = HttpEnv(gateway, token=os.environ.get("DOJO_API_KEY"))
    episode = os.environ["DOJO_EPISODE_ID"]
    steps = int(os.environ.get("DOJO_MAX_STEPS", "2"))

    env.reset(episode_id=episode, competition=os.environ.get("DOJO_COMPETITION"))
    name = env.step(request_info("name"))["observation"]
    print("playing", os.environ.get("DOJO_COMPETITION"), "episode", episode, "-", name.get("action_status"))
    if steps >= 3:
        checked = env.step(validate_code(SAMPLE_SUBMISSION))["observation"]
        print("validate_code:", checked.get("action_status"))
    answer = env.step(execute_code(SAMPLE_SUBMISSION))
    observation = answer["observation"]
    print("execute_code:", observation.get("action_status"), "position score", observation.get("current_position_score"),
          "reward", answer.get("reward"))
    if observation.get("action_status") != "SUCCESS":
        print("the submission failed:", observation.get("feedback") or observation.get("error"), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except DojoError as e:
        print("gateway error:", e, file=sys.stderr)
        sys.exit(1)
