using System.Text.RegularExpressions;

namespace PromoOnly.Tests.Packaging;

/// <summary>
/// The folders depend one way: Commands on everything, Auth (sessions, renewal) on Client (HTTP),
/// Probing on Client; Client and Probing on neither Auth nor Commands. A cycle would let a change to
/// the HTTP layer ripple into sessions and back.
/// </summary>
public class LayeringTests
{
    public static TheoryData<string, string> ForbiddenImports => new()
    {
        { "Client", "Auth" },
        { "Client", "Commands" },
        { "Client", "Probing" },
        { "Probing", "Auth" },
        { "Probing", "Commands" },
        { "Auth", "Commands" },
    };

    [Theory]
    [MemberData(nameof(ForbiddenImports))]
    public void AFolderDoesNotReferenceTheLayersAboveIt(string folder, string above)
    {
        var pattern = new Regex($@"\bPromoOnly\.{above}\b");
        string[] offenders = Directory.GetFiles(Path.Combine(SourceRoot(), folder), "*.cs", SearchOption.AllDirectories)
            .Where(file => pattern.IsMatch(File.ReadAllText(file)))
            .Select(Path.GetFileName)
            .ToArray()!;

        Assert.Empty(offenders);
    }

    private static string SourceRoot()
    {
        for (var directory = new DirectoryInfo(Path.GetDirectoryName(typeof(LayeringTests).Assembly.Location)!); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PromoOnly.PowerShell.sln")))
            {
                return Path.Combine(directory.FullName, "src", "PromoOnly");
            }
        }

        throw new InvalidOperationException("The repository root (PromoOnly.PowerShell.sln) is not above the test binaries.");
    }
}
