namespace MLEDojo.DataSelect;

/// <summary>DataSelectEnv's base configuration (BASE_CFG and the dataset it builds), shared by every task.</summary>
public static class DataSelectConfig
{
    public const int Samples = 1500;
    public const int Features = 20;
    public const int Informative = 5;
    public const int Redundant = 5;
    public const int ClustersPerClass = 2;
    public const double ClassSeparation = 1.0;
    /// <summary>The dataset's own label noise; a task's flip_y is the extra noise injected into the pool.</summary>
    public const double DatasetFlipY = 0.1;
    /// <summary>The dataset skeleton is fixed (random_state=42 in the original); an episode's seed varies the pool's noise.</summary>
    public const long DatasetSeed = 210;
    public const int MinBatch = 5;
    public const int SeedEpochs = 10;
    public const int BatchEpochs = 3;
    public const int DefaultSeed = 42;

    /// <summary>Rows [0, 100) seed the model, [200, 400) validate, [400, 1500) are the pool ([100, 200) unused, as in the original).</summary>
    public static readonly Range SeedRows = 0..100, ValidationRows = 200..400, PoolRows = 400..Samples;
}
