using System.Globalization;
using System.Reflection;

namespace Portal.Core.Data;

/// <summary>
/// Reads the embedded migration scripts for one provider. Both providers carry the same version numbers
/// so that a schema change is always made for both at once (a test checks this).
/// </summary>
public static class MigrationCatalog
{
    private const string Prefix = "Portal.Migrations.";

    public static IReadOnlyList<Migration> For(DatabaseProvider provider)
    {
        var folder = provider == DatabaseProvider.PostgreSql ? "Postgres" : "Sqlite";
        var assembly = typeof(MigrationCatalog).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix + folder + "/", StringComparison.Ordinal))
                continue;
            var file = resource[(Prefix.Length + folder.Length + 1)..^".sql".Length];
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(file[..underscore], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                throw new InvalidOperationException($"Migration '{resource}' must be named NNNN_description.sql.");
            migrations.Add(new Migration(version, file[(underscore + 1)..], Read(assembly, resource)));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
                throw new InvalidOperationException($"Two {folder} migrations share version {migrations[i].Version}.");
        }
        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
