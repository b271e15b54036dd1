using MLEDojo.GatewayBench;

// dotnet bench/MLEDojo.GatewayBench/bin/Release/net10.0/MLEDojo.GatewayBench.dll [--sessions 4096] [--seconds 20] [--info-type name]
// dotnet bench/MLEDojo.GatewayBench/bin/Release/net10.0/MLEDojo.GatewayBench.dll journal [--episodes 4096] [--seconds 10] [--payload-bytes 600]
return args.FirstOrDefault() == "journal" ? await JournalBenchmark.RunAsync(args) : await WebSocketBenchmark.RunAsync(args);
