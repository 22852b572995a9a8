#if NET
using System.Reflection;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace PromoOnly.Tests.Packaging;

/// <summary>
/// The core's folders depend one way, as README's "Layout" section says in its table of folders and
/// the folders each one uses. The graph is read from the compiled module (every type reference its
/// metadata and method bodies hold, see <see cref="TypeReferences"/>), each type placed in the folder
/// of its source file, so a type of the root namespace or an extension method cannot hide a use the
/// way it hides from a search of the source text. Checked on the net8.0 build; the netstandard2.0
/// build compiles the same folders (its <c>#if</c> blocks add polyfills, not uses).
/// </summary>
public class LayeringTests
{
    private static readonly Lazy<IReadOnlyList<CompiledType>> Types = new(() => TypeReferences.Read(ModulePath()));

    [Fact]
    public void EveryFolderUsesExactlyTheFoldersReadmeNames()
    {
        Dictionary<string, SortedSet<string>> declared = ReadmeLayers();
        Dictionary<string, SortedSet<string>> actual = ActualLayers();

        var wrong = new List<string>();
        foreach (string folder in actual.Keys.Union(declared.Keys).OrderBy(f => f, StringComparer.Ordinal))
        {
            if (!declared.TryGetValue(folder, out SortedSet<string>? says))
            {
                wrong.Add($"{folder}/ is missing from README's table of folders; add a row naming the folders it uses: {string.Join(", ", actual[folder])}.");
                continue;
            }

            SortedSet<string> uses = actual.TryGetValue(folder, out SortedSet<string>? found) ? found : new SortedSet<string>(StringComparer.Ordinal);
            foreach (string extra in uses.Except(says))
            {
                wrong.Add($"{folder}/ uses {extra}/ ({Evidence(folder, extra)}), which README does not allow: move the code, or (if the direction is right) add {extra} to its row.");
            }

            foreach (string stale in says.Except(uses))
            {
                wrong.Add($"README says {folder}/ uses {stale}/, but nothing there does: take {stale} out of its row.");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void ReadmesFolderGraphHasNoCycle()
    {
        Dictionary<string, SortedSet<string>> declared = ReadmeLayers();
        var placed = new List<string>();

        // Kahn's order: a folder is placed once every folder it uses is; whatever is left is on a cycle.
        while (declared.Keys.Except(placed).Where(f => declared[f].All(placed.Contains)).OrderBy(f => f, StringComparer.Ordinal).FirstOrDefault() is { } next)
        {
            placed.Add(next);
        }

        string[] onACycle = declared.Keys.Except(placed).OrderBy(f => f, StringComparer.Ordinal).ToArray();
        Assert.True(onACycle.Length == 0, $"README's table of folders has a cycle through {string.Join(", ", onACycle)}.");
    }

    [Fact]
    public void EveryTypeComesFromOneFolder()
    {
        string[] scattered = Types.Value.Where(IsOurs)
            .Where(t => t.Files.Select(FolderOf).Distinct().Count() != 1)
            .Select(t => $"{t.FullName}: {string.Join(", ", t.Files)}")
            .ToArray();

        Assert.Empty(scattered);
    }

    private static Dictionary<string, SortedSet<string>> ActualLayers()
    {
        Dictionary<string, string> folderOf = Types.Value.Where(IsOurs).ToDictionary(t => t.FullName, t => FolderOf(t.Files.First()), StringComparer.Ordinal);
        var layers = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (CompiledType type in Types.Value.Where(IsOurs))
        {
            string folder = folderOf[type.FullName];
            if (!layers.TryGetValue(folder, out SortedSet<string>? uses))
            {
                layers[folder] = uses = new SortedSet<string>(StringComparer.Ordinal);
            }

            uses.UnionWith(type.Uses.Where(folderOf.ContainsKey).Select(u => folderOf[u]).Where(used => used != folder));
        }

        return layers;
    }

    /// <summary>Which types make <paramref name="folder"/> use <paramref name="used"/>: the first few, for the failure message.</summary>
    private static string Evidence(string folder, string used)
    {
        Dictionary<string, string> folderOf = Types.Value.Where(IsOurs).ToDictionary(t => t.FullName, t => FolderOf(t.Files.First()), StringComparer.Ordinal);
        return string.Join("; ", Types.Value.Where(IsOurs)
            .Where(t => folderOf[t.FullName] == folder)
            .SelectMany(t => t.Uses.Where(u => folderOf.TryGetValue(u, out string? f) && f == used).Select(u => $"{t.FullName} uses {u}"))
            .Take(3));
    }

    /// <summary>The rows of README's table <c>| Folder | Uses |</c>: each folder and the folders named in backticks after it.</summary>
    private static Dictionary<string, SortedSet<string>> ReadmeLayers()
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md"));
        int header = Array.FindIndex(lines, l => Regex.IsMatch(l, @"^\|\s*Folder\s*\|\s*Uses\s*\|"));
        Assert.True(header >= 0, "README.md has no table with the header '| Folder | Uses |' (section Layout).");
        var layers = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (string row in lines.Skip(header + 2).TakeWhile(l => l.StartsWith("|", StringComparison.Ordinal)))
        {
            string[] cells = row.Split('|');
            string folder = Regex.Match(cells[1], "`([^`/]+)/?`").Groups[1].Value;
            layers[folder] = new SortedSet<string>(Regex.Matches(cells[2], "`([^`/]+)/?`").Select(m => m.Groups[1].Value), StringComparer.Ordinal);
        }

        return layers;
    }

    private static bool IsOurs(CompiledType type) =>
        type.FullName.StartsWith("PromoOnly.", StringComparison.Ordinal) && !type.FullName.Contains('<', StringComparison.Ordinal);

    /// <summary>The folder of src/PromoOnly that a source file is in.</summary>
    private static string FolderOf(string file)
    {
        const string Project = "/src/PromoOnly/";
        string path = file.Replace('\\', '/');
        string inProject = path.Substring(path.LastIndexOf(Project, StringComparison.Ordinal) + Project.Length);
        int slash = inProject.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "(project root)" : inProject.Substring(0, slash);
    }

    /// <summary>
    /// The module as its project built it, with its PDB, not the copy beside the tests, which
    /// coverage instruments while they run.
    /// </summary>
    private static string ModulePath()
    {
        string configuration = typeof(LayeringTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        string framework = "net" + new FrameworkName(typeof(DownloadServer).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName).Version.ToString(2);
        string path = Path.Combine(RepositoryRoot(), "src", "PromoOnly", "bin", configuration, framework, "PromoOnly.dll");
        Assert.True(File.Exists(path), $"{path} is missing: build src/PromoOnly ({configuration}) first.");
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PromoOnly.PowerShell.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (PromoOnly.PowerShell.sln) is not above the test binaries.");
    }
}
#endif
