using System.Globalization;
using System.Text;

namespace MLEDojo.BenchSuite.Scoring;

/// <summary>
/// Writes a synthetic competition in MLE-Dojo's layout (with a competition.json manifest) and a submission for
/// it, shuffled so that scoring must align rows by id as it would for a real agent.
/// </summary>
public static class SyntheticCompetition
{
    public const int Classes = 10;

    public static (string Directory, string Submission) BinaryAuc(string root, int rows, int seed)
    {
        var directory = Layout(root, "bench-auc", """
            { "family": "auc", "higher_is_better": true, "id_column": "id", "target_columns": ["target"] }
            """, [0.99, 0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5]);
        var random = new Random(seed);
        var labels = new int[rows];
        using (var answer = Writer(Path.Combine(directory, "data", "private", "test_answer.csv")))
        {
            answer.Write("id,target\n");
            for (var i = 0; i < rows; i++)
            {
                labels[i] = random.NextDouble() < 0.3 ? 1 : 0;
                answer.Write(string.Create(CultureInfo.InvariantCulture, $"{i},{labels[i]}\n"));
            }
        }
        var submission = Path.Combine(root, "bench-auc-submission.csv");
        using (var writer = Writer(submission))
        {
            writer.Write("id,target\n");
            foreach (var i in Shuffled(rows, random))
            {
                var p = Math.Clamp(0.3 * labels[i] + 0.7 * random.NextDouble(), 0, 1);
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{i},{p:R}\n"));
            }
        }
        return (directory, submission);
    }

    public static (string Directory, string Submission) MulticlassLogLoss(string root, int rows, int seed)
    {
        var directory = Layout(root, "bench-logloss", """
            { "family": "log_loss", "higher_is_better": false, "id_column": "id", "target_columns": ["*"], "params": { "truth": "onehot" } }
            """, [0.1, 0.2, 0.4, 0.8, 1.2, 1.6, 2.0, 2.3]);
        var random = new Random(seed);
        var labels = new int[rows];
        var header = "id," + string.Join(',', Enumerable.Range(0, Classes).Select(c => $"class_{c}")) + "\n";
        using (var answer = Writer(Path.Combine(directory, "data", "private", "test_answer.csv")))
        {
            answer.Write(header);
            for (var i = 0; i < rows; i++)
            {
                labels[i] = random.Next(Classes);
                answer.Write(string.Create(CultureInfo.InvariantCulture, $"{i},{string.Join(',', Enumerable.Range(0, Classes).Select(c => c == labels[i] ? "1" : "0"))}\n"));
            }
        }
        var submission = Path.Combine(root, "bench-logloss-submission.csv");
        var weights = new double[Classes];
        using (var writer = Writer(submission))
        {
            writer.Write(header);
            var line = new StringBuilder();
            foreach (var i in Shuffled(rows, random))
            {
                var total = 0.0;
                for (var c = 0; c < Classes; c++) total += weights[c] = random.NextDouble() + (c == labels[i] ? 1.5 : 0);
                line.Clear().Append(i.ToString(CultureInfo.InvariantCulture));
                for (var c = 0; c < Classes; c++) line.Append(',').Append((weights[c] / total).ToString("R", CultureInfo.InvariantCulture));
                writer.Write(line.Append('\n'));
            }
        }
        return (directory, submission);
    }

    private static string Layout(string root, string name, string manifest, double[] board)
    {
        var directory = Path.Combine(root, name);
        Directory.CreateDirectory(Path.Combine(directory, "data", "public"));
        Directory.CreateDirectory(Path.Combine(directory, "data", "private"));
        File.WriteAllText(Path.Combine(directory, "competition.json"), manifest);
        File.WriteAllText(Path.Combine(directory, "data", "public", "description.txt"), $"Synthetic benchmark competition {name}.\n");
        File.WriteAllText(Path.Combine(directory, "data", "public", "sample_submission.csv"), "id,target\n0,0.5\n");
        var rows = "rank,score\n" + string.Concat(board.Select((s, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1},{s}\n")));
        File.WriteAllText(Path.Combine(directory, "data", "private", "private_leaderboard.csv"), rows);
        File.WriteAllText(Path.Combine(directory, "data", "private", "public_leaderboard.csv"), rows);
        return directory;
    }

    private static int[] Shuffled(int rows, Random random)
    {
        var order = Enumerable.Range(0, rows).ToArray();
        random.Shuffle(order);
        return order;
    }

    private static StreamWriter Writer(string path) => new(path, false, new UTF8Encoding(false), 1 << 16);
}
