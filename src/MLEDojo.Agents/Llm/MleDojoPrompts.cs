using System.Globalization;

namespace MLEDojo.Agents.Llm;

/// <summary>
/// MLE-Dojo-style prompting: one instruction that states the goal (position score), the budget in actions and
/// seconds, the three actions and the strict JSON answer format; each later turn wraps the environment's feedback
/// as a result or an error, with the budget left; unparseable answers are asked again with the parse error.
/// </summary>
public static class MleDojoPrompts
{
    private const string ResponseFormat = """
        Answer with exactly one JSON object and nothing else, in one of these forms:
        {"action": "request_info", "params": {"info_type": "<overview|sample_submission|data_structure|data_path|output_path>"}}
        {"action": "validate_code", "params": {"code": "<python source>"}}
        {"action": "execute_code", "params": {"code": "<python source>"}}
        The code is a complete Python program, a JSON string (escape newlines and quotes).
        """;

    public static string Instruction(string competition, int actions, TimeSpan timeLeft) => $"""
        You are an expert Kaggle competitor. Solve the competition "{competition}" so that your submission ranks as
        high as possible on its leaderboard (the Position Score, from 0 to 1), within a limited number of actions.
        Use real machine learning; a random or constant submission is worth nothing.

        You have {actions} actions and {Seconds(timeLeft)} seconds in total, code execution included.

        Actions:
        1. request_info: read competition information. params.info_type is one of overview, sample_submission,
           data_structure, data_path, output_path.
        2. validate_code: run code to debug it or to print facts about the data; nothing is scored.
        3. execute_code: run complete code that writes submission.csv; the submission is validated, scored and ranked.

        Code rules:
        - Ask for the information you need first; read data only from the data path, never change it.
        - Write submission.csv in the current working directory (the output path), in the sample submission's format
          and with one row per test row.
        - Print what you want to see: printed output comes back as feedback. No plots.
        - Each program is self-contained: nothing persists between actions except files you write.
        - Only execute_code with a valid submission earns a Position Score; improve it step by step.

        {ResponseFormat}
        """;

    public static string FirstTurn(string observation, int actions, TimeSpan timeLeft) => $"""
        The episode has started:

        {observation}

        {Budget(actions, timeLeft)}
        Give your first action.
        """;

    public static string Result(string observation, int actions, TimeSpan timeLeft) => $"""
        Results of your last action:

        #### Results Start ####
        {observation}
        #### Results End ####

        {Budget(actions, timeLeft)}
        Improve your model, features and parameters. Give your next action.
        """;

    public static string Failure(string observation, int actions, TimeSpan timeLeft) => $"""
        Your last action failed:

        #### Error Start ####
        {observation}
        #### Error End ####

        {Budget(actions, timeLeft)}
        Fix the problem. Give your next action.
        """;

    public static string FixFormat(string error) => $"""
        Your answer could not be used as an action: {error}
        Give the same action again, only correctly formatted; do not change what it does.

        {ResponseFormat}
        """;

    private static string Budget(int actions, TimeSpan timeLeft) =>
        $"You have {actions} actions and {Seconds(timeLeft)} seconds left.";

    private static string Seconds(TimeSpan time) => Math.Max(0, (long)time.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
