using Credit.Hosting.Orleans;
using Microsoft.Extensions.Hosting;

// A silo on its own, for a cluster of machines (k8s/). On one machine the Api hosts the silo itself.
await (await StandaloneSilo.BuildAsync(args)).RunAsync();
