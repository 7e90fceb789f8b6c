using Credit.Api.Hosting;

var app = await CreditApplication.BuildAsync(args);
await app.RunAsync();
