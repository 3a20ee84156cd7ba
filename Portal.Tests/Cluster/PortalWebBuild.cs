using System.Reflection;

namespace Portal.Tests.Cluster;

/// <summary>
/// Where the built Portal.Web is, so tests can run it as a real process: the project's own output for the
/// configuration these tests were built in (Debug locally, whatever CI chose), and the project folder as the
/// content root so that its static files and settings resolve as under <c>dotnet run</c>.
/// </summary>
public static class PortalWebBuild
{
    private static readonly Lazy<(string ProjectFolder, string Dll)> Located = new(Locate);

    public static string ProjectFolder => Located.Value.ProjectFolder;

    public static string Dll => Located.Value.Dll;

    private static (string, string) Locate()
    {
        var testOutput = AppContext.BaseDirectory;
        var root = new DirectoryInfo(testOutput);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Portal.sln")))
            root = root.Parent;
        if (root is null)
            throw new InvalidOperationException($"No Portal.sln above {testOutput}: the cluster tests run from the repository's build output.");
        var project = Path.Combine(root.FullName, "Portal.Web");
        // The test project references Portal.Web, so the web project was built in the same configuration and
        // for the same framework as this assembly.
        var configuration = typeof(PortalWebBuild).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = new DirectoryInfo(testOutput).Name;
        string[] candidates =
        [
            Path.Combine(project, "bin", configuration, framework, "Portal.Web.dll"),
            // The reference also copies the app beside the tests, with its runtimeconfig: good enough to run.
            Path.Combine(testOutput, "Portal.Web.dll"),
        ];
        var dll = candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"Portal.Web is not built: looked for {string.Join(" and ", candidates)}.");
        return (project, dll);
    }
}
