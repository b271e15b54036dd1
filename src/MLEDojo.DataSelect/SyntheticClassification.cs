namespace MLEDojo.DataSelect;

/// <summary>A labelled table: one row of features per sample and its 0/1 label.</summary>
public sealed record LabelledData(double[][] Features, int[] Labels)
{
    public int Count => Labels.Length;
}

/// <summary>
/// The same construction as scikit-learn's make_classification (the generator DataSelectEnv draws from): Gaussian
/// clusters on the vertices of a hypercube in the informative subspace, each given a random covariance; redundant
/// features as random linear combinations of the informative ones; the rest pure noise; a fraction of labels
/// re-drawn at random; rows and columns shuffled. Our own random source, so the same shape, not numpy's numbers.
/// </summary>
public static class SyntheticClassification
{
    public static LabelledData Generate(int samples, int features, int informative, int redundant, int clustersPerClass,
        double classSeparation, double flipY, long seed)
    {
        if (informative + redundant > features) throw new ArgumentException("informative + redundant must not exceed features.");
        if (2 * clustersPerClass > 1 << informative) throw new ArgumentException("Too many clusters for the informative subspace's hypercube.");
        var random = new SeededRandom(seed);
        const int classes = 2;
        var clusters = classes * clustersPerClass;
        var x = new double[samples][];
        for (var i = 0; i < samples; i++) x[i] = new double[features];
        var y = new int[samples];

        var vertices = DistinctVertices(random, informative, clusters);
        for (var i = 0; i < samples; i++)
            for (var j = 0; j < informative; j++)
                x[i][j] = random.NextGaussian();

        var start = 0;
        for (var k = 0; k < clusters; k++)
        {
            var stop = start + samples / clusters + (k < samples % clusters ? 1 : 0);
            var covariance = UniformMatrix(random, informative, informative);
            for (var i = start; i < stop; i++)
            {
                y[i] = k % classes;
                var row = x[i];
                var mixed = new double[informative];
                for (var c = 0; c < informative; c++)
                {
                    var sum = 0.0;
                    for (var r = 0; r < informative; r++) sum += row[r] * covariance[r][c];
                    mixed[c] = sum;
                }
                for (var c = 0; c < informative; c++)
                    row[c] = mixed[c] + ((vertices[k] >> c & 1) == 1 ? classSeparation : -classSeparation);
            }
            start = stop;
        }

        var combination = UniformMatrix(random, informative, redundant);
        for (var i = 0; i < samples; i++)
        {
            for (var c = 0; c < redundant; c++)
            {
                var sum = 0.0;
                for (var r = 0; r < informative; r++) sum += x[i][r] * combination[r][c];
                x[i][informative + c] = sum;
            }
            for (var c = informative + redundant; c < features; c++) x[i][c] = random.NextGaussian();
        }

        for (var i = 0; i < samples; i++)
            if (random.NextDouble() < flipY) y[i] = random.NextInt(classes);

        var rowOrder = Permutation(random, samples);
        var columnOrder = Permutation(random, features);
        var shuffled = new double[samples][];
        var labels = new int[samples];
        for (var i = 0; i < samples; i++)
        {
            var source = x[rowOrder[i]];
            var row = shuffled[i] = new double[features];
            for (var c = 0; c < features; c++) row[c] = source[columnOrder[c]];
            labels[i] = y[rowOrder[i]];
        }
        return new LabelledData(shuffled, labels);
    }

    /// <summary>Scales every column to mean 0 and (population) standard deviation 1, as StandardScaler does.</summary>
    public static void Standardize(double[][] rows)
    {
        if (rows.Length == 0) return;
        var width = rows[0].Length;
        for (var c = 0; c < width; c++)
        {
            var mean = 0.0;
            foreach (var row in rows) mean += row[c];
            mean /= rows.Length;
            var variance = 0.0;
            foreach (var row in rows) variance += (row[c] - mean) * (row[c] - mean);
            var deviation = Math.Sqrt(variance / rows.Length);
            if (deviation == 0) deviation = 1; // a constant column is left centred, as StandardScaler leaves it
            foreach (var row in rows) row[c] = (row[c] - mean) / deviation;
        }
    }

    private static int[] DistinctVertices(SeededRandom random, int dimensions, int count)
    {
        var chosen = new List<int>(count);
        while (chosen.Count < count)
        {
            var vertex = random.NextInt(1 << dimensions);
            if (!chosen.Contains(vertex)) chosen.Add(vertex);
        }
        return chosen.ToArray();
    }

    private static double[][] UniformMatrix(SeededRandom random, int rows, int columns)
    {
        var matrix = new double[rows][];
        for (var r = 0; r < rows; r++)
        {
            matrix[r] = new double[columns];
            for (var c = 0; c < columns; c++) matrix[r][c] = 2 * random.NextDouble() - 1;
        }
        return matrix;
    }

    /// <summary>A uniformly random order of 0..n-1 (Fisher-Yates).</summary>
    internal static int[] Permutation(SeededRandom random, int n)
    {
        var order = Enumerable.Range(0, n).ToArray();
        for (var i = n - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
