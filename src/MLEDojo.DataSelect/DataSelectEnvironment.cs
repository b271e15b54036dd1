namespace MLEDojo.DataSelect;

/// <summary>
/// One DataSelect episode: a pool of candidate samples (some mislabelled), a labelling budget, and a model trained
/// on what the agent chooses to label. Steps follow DataSelectEnv's, with its defects fixed: all randomness is the
/// episode's own (same task and seed, same episode; episodes never share state), stop ends the episode whatever its
/// batch_size, a batch never exceeds the budget or the pool, and the episode can be graded however it was played.
/// Not thread-safe: one caller steps an episode at a time.
/// </summary>
public sealed class DataSelectEnvironment
{
    private const double NoiseTrapCap = 0.55;

    private readonly DataSelectDataset _data = DataSelectDataset.Shared;
    private readonly double[][] _pool;
    private readonly int[] _poolLabels;
    private readonly bool[] _mislabelled;
    private readonly List<int> _remaining;
    private readonly List<int> _taken;
    private readonly List<int> _batchSizes;
    private readonly List<double> _noiseRatios;
    private readonly SeededRandom _random;
    private LinearClassifier _model;
    private double[] _centroid;
    private double _trainSum, _trainSumOfSquares;
    private long _trainCount;
    private int _remainingNoisy;

    private DataSelectEnvironment(DataSelectTask task, long seed)
    {
        Task = task;
        Seed = seed;
        _random = new SeededRandom(seed);
        // The pool's noise, drawn in a fixed order: features jitter, which labels are flipped, their extra jitter.
        _pool = new double[_data.PoolRows.Length][];
        for (var i = 0; i < _pool.Length; i++)
        {
            var row = _pool[i] = (double[])_data.PoolRows[i].Clone();
            for (var c = 0; c < row.Length; c++) row[c] += 0.5 * _random.NextGaussian();
        }
        _mislabelled = new bool[_pool.Length];
        _poolLabels = new int[_pool.Length];
        for (var i = 0; i < _pool.Length; i++)
        {
            _mislabelled[i] = _random.NextDouble() < task.FlipY;
            _poolLabels[i] = _mislabelled[i] ? 1 - _data.PoolLabels[i] : _data.PoolLabels[i];
        }
        for (var i = 0; i < _pool.Length; i++)
        {
            if (!_mislabelled[i]) continue;
            for (var c = 0; c < _pool[i].Length; c++) _pool[i][c] += 0.1 * _random.NextGaussian();
        }
        _remaining = Enumerable.Range(0, _pool.Length).ToList();
        _remainingNoisy = _mislabelled.Count(m => m);
        _taken = [];
        _batchSizes = [];
        _noiseRatios = [];
        _model = LinearClassifier.CopyOf(_data.WarmModel);
        _centroid = Mean(_data.SeedRows);
        foreach (var row in _data.SeedRows) AddToTrainingStatistics(row);
        RemainingBudget = task.Budget;
        Performance = Score();
    }

    public DataSelectTask Task { get; }
    public long Seed { get; }
    public int RemainingBudget { get; private set; }
    public int Steps { get; private set; }
    public double Performance { get; private set; }
    public bool Done { get; private set; }
    public IReadOnlyList<double> NoiseRatios => _noiseRatios;

    /// <summary>
    /// After <see cref="Restore"/>: whether replaying the batches reproduced the recorded weights bit for bit. Always
    /// so on one machine; a machine whose vector instructions round differently continues from its own replay.
    /// </summary>
    public bool ReplayMatchedSnapshot { get; private set; } = true;

    public static DataSelectEnvironment Reset(DataSelectTask task, long seed) => new(task, seed);

    /// <summary>The episode a snapshot was taken of, exactly: the pool regenerated from task and seed, the rest restored.</summary>
    public static DataSelectEnvironment Restore(DataSelectSnapshot snapshot)
    {
        var environment = new DataSelectEnvironment(DataSelectTask.Get(snapshot.TaskId), snapshot.Seed);
        environment.Apply(snapshot);
        return environment;
    }

    public DataSelectObservation Observation => new(
        RemainingBudget,
        Math.Sqrt(Math.Max(0, _trainSumOfSquares / _trainCount - Math.Pow(_trainSum / _trainCount, 2))),
        _remaining.Count == 0 ? 0 : (double)_remainingNoisy / _remaining.Count,
        Performance,
        _remaining.Count);

    public DataSelectGrade Grade() => DataSelectGrader.Grade(Task, Performance, _noiseRatios, RemainingBudget);

    /// <summary>Takes one action. An invalid action (see <see cref="DataSelectAction.Problem"/>) or a step after the end throws and changes nothing.</summary>
    public DataSelectStep Step(DataSelectAction action)
    {
        if (Done) throw new InvalidOperationException("The episode is done; reset it to start over.");
        if (action.Problem() is { } problem) throw new ArgumentException(problem, nameof(action));
        if (_remaining.Count == 0) return End(0.0, "pool_empty");
        if (action.Type == DataSelectActionType.Stop)
            return End(Performance >= Task.StopThreshold ? 0.05 * RemainingBudget : -1.0, "stop");

        var size = Math.Min(Math.Max(action.BatchSize, DataSelectConfig.MinBatch), Math.Min(RemainingBudget, _remaining.Count));
        var batch = ChooseBatch(size, action.Weights!);
        var rows = batch.Select(i => _pool[i]).ToArray();
        var labels = batch.Select(i => _poolLabels[i]).ToArray();
        var noiseRatio = batch.Count(i => _mislabelled[i]) / (double)size;
        foreach (var i in batch)
        {
            _remaining.Remove(i);
            if (_mislabelled[i]) _remainingNoisy--;
        }
        _taken.AddRange(batch);
        _batchSizes.Add(batch.Count);

        _model.Train(rows, labels, DataSelectConfig.BatchEpochs);
        var before = Performance;
        var after = Score();
        var gain = (after - before) * 5.0 + 0.05 * rows.Average(row => Distance(row, _centroid));
        var redundancy = MeanCosine(rows, _centroid);
        if (redundancy > 0.8) gain *= 0.5;
        if (after > 0.85) gain *= 0.7;
        var noisePenalty = (1.0 + 2.0 * Task.FlipY) * noiseRatio;
        var reward = gain - 0.01 * size - 0.3 * redundancy - noisePenalty + 0.15;

        var batchMean = Mean(rows);
        for (var c = 0; c < _centroid.Length; c++) _centroid[c] = 0.9 * _centroid[c] + 0.1 * batchMean[c];
        foreach (var row in rows) AddToTrainingStatistics(row);
        Performance = after;
        RemainingBudget -= size;
        Steps++;
        _noiseRatios.Add(noiseRatio);
        Done = RemainingBudget <= 0 || Steps >= Task.MaxSteps;
        return new DataSelectStep(Observation, reward, Done, new SelectionInfo(gain, redundancy, noiseRatio, size), null);
    }

    public DataSelectSnapshot Snapshot() => new()
    {
        TaskId = Task.Id,
        Seed = Seed,
        RemainingBudget = RemainingBudget,
        Steps = Steps,
        Performance = Performance,
        Done = Done,
        Weights = (float[])_model.Weights.Clone(),
        Bias = _model.Bias,
        Centroid = (double[])_centroid.Clone(),
        RandomState = _random.State,
        Taken = _taken.ToArray(),
        BatchSizes = _batchSizes.ToArray(),
        NoiseRatios = _noiseRatios.ToArray(),
        TrainSum = _trainSum,
        TrainSumOfSquares = _trainSumOfSquares,
        TrainCount = _trainCount,
    };

    private void Apply(DataSelectSnapshot snapshot)
    {
        foreach (var i in snapshot.Taken)
        {
            if (i < 0 || i >= _pool.Length || !_remaining.Remove(i))
                throw new ArgumentException($"The snapshot takes pool sample {i} twice or out of range.", nameof(snapshot));
            if (_mislabelled[i]) _remainingNoisy--;
        }
        if (snapshot.BatchSizes.Sum() != snapshot.Taken.Length || snapshot.BatchSizes.Any(b => b <= 0))
            throw new ArgumentException("The snapshot's batch sizes do not add up to the samples it took.", nameof(snapshot));
        _taken.AddRange(snapshot.Taken);
        _batchSizes.AddRange(snapshot.BatchSizes);
        _noiseRatios.AddRange(snapshot.NoiseRatios);
        var offset = 0;
        foreach (var size in snapshot.BatchSizes)
        {
            var batch = snapshot.Taken.AsSpan(offset, size).ToArray();
            _model.Train(batch.Select(i => _pool[i]).ToArray(), batch.Select(i => _poolLabels[i]).ToArray(), DataSelectConfig.BatchEpochs);
            offset += size;
        }
        ReplayMatchedSnapshot = _model.Bias == snapshot.Bias && _model.Weights.AsSpan().SequenceEqual(snapshot.Weights);
        _centroid = (double[])snapshot.Centroid.Clone();
        _random.Overwrite(snapshot.RandomState);
        _trainSum = snapshot.TrainSum;
        _trainSumOfSquares = snapshot.TrainSumOfSquares;
        _trainCount = snapshot.TrainCount;
        RemainingBudget = snapshot.RemainingBudget;
        Steps = snapshot.Steps;
        Performance = snapshot.Performance;
        Done = snapshot.Done;
    }

    private DataSelectStep End(double reward, string reason)
    {
        Done = true;
        return new DataSelectStep(Observation, reward, true, null, reason);
    }

    /// <summary>
    /// The original's three strategies, in its order and without overlap: the most uncertain samples (entropy, plus
    /// its "noise trap" boost for mislabelled ones), then those farthest from the training centroid, then uniformly at random.
    /// </summary>
    private List<int> ChooseBatch(int size, StrategyWeights weights)
    {
        var total = weights.Sum + 1e-8;
        // Truncation as the original's int(b * w): 10 * 0.4 / (1 + 1e-8) is 3, not 4.
        var byUncertainty = (int)(size * (weights.Uncertainty / total));
        var byDiversity = (int)(size * (weights.Diversity / total));
        var chosen = new List<int>(size);
        var taken = new HashSet<int>();
        if (byUncertainty > 0)
        {
            var boost = Math.Min(0.1 + 2.0 * Task.FlipY, NoiseTrapCap);
            TakeHighest(i => Entropy(_model.Probability(_pool[i])) + (_mislabelled[i] ? boost : 0.0), byUncertainty, chosen, taken);
        }
        if (byDiversity > 0) TakeHighest(i => Distance(_pool[i], _centroid), byDiversity, chosen, taken);
        var candidates = _remaining.Where(i => !taken.Contains(i)).ToArray();
        for (var k = 0; chosen.Count < size && k < candidates.Length; k++)
        {
            var j = k + _random.NextInt(candidates.Length - k);
            (candidates[k], candidates[j]) = (candidates[j], candidates[k]);
            chosen.Add(candidates[k]);
            taken.Add(candidates[k]);
        }
        return chosen;
    }

    private void TakeHighest(Func<int, double> key, int count, List<int> chosen, HashSet<int> taken)
    {
        // Stable: equal keys keep pool order, so the choice is a function of the episode alone.
        foreach (var i in _remaining.Where(i => !taken.Contains(i)).OrderByDescending(key).Take(count))
        {
            chosen.Add(i);
            taken.Add(i);
        }
    }

    private double Score() =>
        Math.Max(0.05, 1.0 / (1.0 + _model.LogLoss(_data.ValidationRows, _data.ValidationLabels)));

    private void AddToTrainingStatistics(double[] row)
    {
        foreach (var v in row)
        {
            _trainSum += v;
            _trainSumOfSquares += v * v;
        }
        _trainCount += row.Length;
    }

    private static double Entropy(double p1) =>
        -(p1 * Math.Log(p1 + 1e-12) + (1 - p1) * Math.Log(1 - p1 + 1e-12));

    private static double Distance(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(sum);
    }

    private static double Norm(double[] a) => Math.Sqrt(a.Sum(v => v * v));

    /// <summary>The original's redundancy: mean cosine similarity of the batch to the centroid, mapped to [0, 1].</summary>
    private static double MeanCosine(double[][] rows, double[] centroid)
    {
        var centroidNorm = Norm(centroid) + 1e-12;
        var mean = rows.Average(row =>
        {
            var dot = 0.0;
            for (var i = 0; i < row.Length; i++) dot += row[i] * centroid[i];
            return dot / ((Norm(row) + 1e-12) * centroidNorm);
        });
        return (mean + 1) / 2;
    }

    private static double[] Mean(IReadOnlyList<double[]> rows)
    {
        var mean = new double[rows[0].Length];
        foreach (var row in rows)
            for (var c = 0; c < mean.Length; c++) mean[c] += row[c];
        for (var c = 0; c < mean.Length; c++) mean[c] /= rows.Count;
        return mean;
    }
}
