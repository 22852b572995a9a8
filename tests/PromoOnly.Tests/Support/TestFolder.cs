namespace PromoOnly.Tests.Support;

/// <summary>A fresh folder under the temp path, the same way on .NET 10 and on .NET Framework (where these tests also run).</summary>
internal static class TestFolder
{
    public static string Create(string prefix)
    {
        string path = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
