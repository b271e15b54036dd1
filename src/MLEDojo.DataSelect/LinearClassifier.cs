using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace MLEDojo.DataSelect;

/// <summary>
/// The episode's model: logistic regression trained by ML.NET's SGD (log loss, learning rate 0.01, one pass per
/// epoch), warm-started from its current weights on every call, as DataSelectEnv's SGDClassifier.partial_fit is.
/// Samples are visited in order (no shuffling), so training is a function of the data and the starting weights
/// alone. Probabilities are computed from the weights directly: a dot product is all a linear model's prediction is.
/// </summary>
public sealed class LinearClassifier
{
    public const int FeatureCount = DataSelectConfig.Features;
    private const double LearningRate = 0.01;
    // scikit-learn's SGDClassifier default penalty (l2, alpha 1e-4).
    private const float L2 = 1e-4f;

    private readonly MLContext _ml = new(seed: 0);
    private LinearBinaryModelParameters? _model;

    public LinearClassifier() => Weights = new float[FeatureCount];

    /// <summary>The weights as the model reads them (the bias is <see cref="Bias"/>).</summary>
    public float[] Weights { get; private set; }
    public float Bias { get; private set; }

    /// <summary>A classifier that continues from <paramref name="other"/>'s model; training it leaves <paramref name="other"/> as it was.</summary>
    public static LinearClassifier CopyOf(LinearClassifier other)
    {
        var copy = new LinearClassifier();
        copy.Adopt(other._model);
        return copy;
    }

    /// <summary>Runs <paramref name="epochs"/> passes of SGD over the rows, starting from the current weights.</summary>
    public void Train(IReadOnlyList<double[]> rows, IReadOnlyList<int> labels, int epochs)
    {
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows.Count).Select(i => new TrainingRow
        {
            Features = Array.ConvertAll(rows[i], v => (float)v),
            Label = labels[i] == 1,
        }));
        var trainer = _ml.BinaryClassification.Trainers.SgdNonCalibrated(new SgdNonCalibratedTrainer.Options
        {
            LossFunction = new LogLoss(),
            NumberOfIterations = epochs,
            LearningRate = LearningRate,
            L2Regularization = L2,
            Shuffle = false,
            NumberOfThreads = 1,
            // Every requested pass runs, as partial_fit's do; convergence checks would stop early.
            ConvergenceTolerance = 0,
        });
        Adopt(trainer.Fit(data, _model).Model);
    }

    /// <summary>P(label = 1 | row).</summary>
    public double Probability(double[] row)
    {
        var score = (double)Bias;
        for (var i = 0; i < FeatureCount; i++) score += Weights[i] * row[i];
        return 1.0 / (1.0 + Math.Exp(-score));
    }

    /// <summary>Mean binary log loss with probabilities clipped away from 0 and 1, as scikit-learn's log_loss clips.</summary>
    public double LogLoss(IReadOnlyList<double[]> rows, IReadOnlyList<int> labels)
    {
        const double eps = 2.220446049250313e-16;
        var total = 0.0;
        for (var i = 0; i < rows.Count; i++)
        {
            var p = Math.Clamp(Probability(rows[i]), eps, 1 - eps);
            total -= labels[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }
        return total / rows.Count;
    }

    private void Adopt(LinearBinaryModelParameters? model)
    {
        _model = model;
        Weights = model?.Weights.ToArray() ?? new float[FeatureCount];
        Bias = model?.Bias ?? 0f;
    }

    private sealed class TrainingRow
    {
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }
}
