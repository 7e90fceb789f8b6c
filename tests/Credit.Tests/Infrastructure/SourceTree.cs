namespace Credit.Tests.Infrastructure;

/// <summary>The repository the tests were built from, for tests that read its files or run its tools.</summary>
public static class SourceTree
{
    /// <summary>The nearest folder above the test assemblies that holds Credit.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Credit.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"No Credit.sln above {AppContext.BaseDirectory}: these tests read the source tree.");
    }
}
