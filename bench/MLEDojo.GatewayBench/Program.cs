using MLEDojo.GatewayBench;

// dotnet bench/MLEDojo.GatewayBench/bin/Release/net10.0/MLEDojo.GatewayBench.dll [--sessions 4096] [--seconds 20] [--info-type name]
return await WebSocketBenchmark.RunAsync(args);
