namespace MLEDojo.DataSelect;

/// <summary>
/// The dataset every episode shares (fixed seed, standardised, split) and the model after its warm start on the seed
/// rows. Built once per process: it depends on nothing an episode chooses, and episodes only read it.
/// </summary>
internal sealed class DataSelectDataset
{
    private static readonly Lazy<DataSelectDataset> Instance = new(Build);

    public static DataSelectDataset Shared => Instance.Value;

    public required double[][] SeedRows { get; init; }
    public required int[] SeedLabels { get; init; }
    public required double[][] ValidationRows { get; init; }
    public required int[] ValidationLabels { get; init; }
    /// <summary>The pool before an episode adds its own noise.</summary>
    public required double[][] PoolRows { get; init; }
    public required int[] PoolLabels { get; init; }
    /// <summary>The model after its warm start; episodes train copies of it.</summary>
    public required LinearClassifier WarmModel { get; init; }

    private static DataSelectDataset Build()
    {
        var data = SyntheticClassification.Generate(DataSelectConfig.Samples, DataSelectConfig.Features, DataSelectConfig.Informative,
            DataSelectConfig.Redundant, DataSelectConfig.ClustersPerClass, DataSelectConfig.ClassSeparation, DataSelectConfig.DatasetFlipY,
            DataSelectConfig.DatasetSeed);
        SyntheticClassification.Standardize(data.Features);
        var seedRows = data.Features[DataSelectConfig.SeedRows];
        var seedLabels = data.Labels[DataSelectConfig.SeedRows];
        var warm = new LinearClassifier();
        warm.Train(seedRows, seedLabels, DataSelectConfig.SeedEpochs);
        return new DataSelectDataset
        {
            SeedRows = seedRows,
            SeedLabels = seedLabels,
            ValidationRows = data.Features[DataSelectConfig.ValidationRows],
            ValidationLabels = data.Labels[DataSelectConfig.ValidationRows],
            PoolRows = data.Features[DataSelectConfig.PoolRows],
            PoolLabels = data.Labels[DataSelectConfig.PoolRows],
            WarmModel = warm,
        };
    }
}
