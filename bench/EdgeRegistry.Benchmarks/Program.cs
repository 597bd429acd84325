using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/EdgeRegistry.Benchmarks -- --filter '*'   (BenchmarkDotNet's own options)
BenchmarkSwitcher.FromAssembly(typeof(EdgeRegistry.Benchmarks.SignatureBenchmarks).Assembly).Run(args);
