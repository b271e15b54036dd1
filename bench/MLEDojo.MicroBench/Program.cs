using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/MLEDojo.MicroBench -- --filter '*' --job short   (docs/BENCHMARKS.md)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
