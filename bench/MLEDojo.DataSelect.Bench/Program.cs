using System.Diagnostics;
using MLEDojo.DataSelect;
if (args.Length > 0 && args[0] == "scan")
{
    var results = new List<(long, double, double)>();
    for (long seed = 0; seed < 400; seed++)
    {
        var data = SyntheticClassification.Generate(1500, 20, 5, 5, 2, 1.0, 0.1, seed);
        SyntheticClassification.Standardize(data.Features);
        var c = new LinearClassifier();
        c.Train(data.Features[0..100], data.Labels[0..100], 10);
        var warm = c.LogLoss(data.Features[200..400], data.Labels[200..400]);
        c.Train(data.Features[400..700], data.Labels[400..700], 10);
        var more = c.LogLoss(data.Features[200..400], data.Labels[200..400]);
        results.Add((seed, warm, more));
    }
    foreach (var r in results.OrderBy(r => Math.Abs(r.Item2 - 0.454)).Take(15)) Console.WriteLine($"{r.Item1} warm {r.Item2:F4} after300 {r.Item3:F4}");
    return;
}
if (args.Length > 0 && args[0] == "dump")
{
    var d = typeof(DataSelectEnvironment).Assembly.GetType("MLEDojo.DataSelect.DataSelectDataset")!;
    var shared = d.GetProperty("Shared")!.GetValue(null)!;
    void Dump(string name, string rows, string labels)
    {
        var r = (double[][])d.GetProperty(rows)!.GetValue(shared)!;
        var l = (int[])d.GetProperty(labels)!.GetValue(shared)!;
        File.WriteAllLines($"/tmp/ds_{name}.csv", r.Select((row, i) => string.Join(",", row.Select(v => v.ToString("R"))) + "," + l[i]));
    }
    Dump("seed", "SeedRows", "SeedLabels"); Dump("val", "ValidationRows", "ValidationLabels"); Dump("pool", "PoolRows", "PoolLabels");
    var env = DataSelectEnvironment.Reset(DataSelectTask.Easy, 42);
    Console.WriteLine($"initial perf {env.Performance}");
    var c = new LinearClassifier();
    var sr = (double[][])d.GetProperty("SeedRows")!.GetValue(shared)!; var sl = (int[])d.GetProperty("SeedLabels")!.GetValue(shared)!;
    var vr = (double[][])d.GetProperty("ValidationRows")!.GetValue(shared)!; var vl = (int[])d.GetProperty("ValidationLabels")!.GetValue(shared)!;
    for (var e = 0; e < 10; e++) { c.Train(sr, sl, 1); Console.Write($"{c.LogLoss(vr, vl):F4} "); }
    Console.WriteLine(); Console.WriteLine(string.Join(" ", c.Weights.Select(w => w.ToString("F4"))) + " b " + c.Bias);
    return;
}

var sw = Stopwatch.StartNew();
foreach (var (name, agent) in new (string, Func<IDataSelectAgent>)[] { ("balanced", FixedAgent.Balanced), ("random-sampling", FixedAgent.RandomSampling), ("random", () => new RandomAgent(7)) })
{
    var r42 = DataSelectBaseline.PlayAll(42, agent);
    Console.WriteLine(name + " seed 42: " + string.Join("  ", r42.Select(kv => $"{kv.Key} {kv.Value.Grade.Score:F4} (perf {kv.Value.FinalPerformance:F4}, passed {kv.Value.Grade.Passed})")));
    var sums = new Dictionary<string, double>();
    for (var s = 0; s < 20; s++)
        foreach (var (task, r) in DataSelectBaseline.PlayAll(s, agent)) sums[task] = sums.GetValueOrDefault(task) + r.Grade.Score / 20;
    Console.WriteLine(name + " mean seeds 0-19: " + string.Join("  ", sums.Select(kv => $"{kv.Key} {kv.Value:F4}")));
}
Console.WriteLine($"{sw.ElapsedMilliseconds} ms");
