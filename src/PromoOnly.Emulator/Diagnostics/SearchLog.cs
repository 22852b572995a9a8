using System.Collections.Concurrent;

namespace PromoOnly.Emulator.Diagnostics;

/// <summary>
/// The searches the emulator understood, field by field, so a test can prove that a hostile value
/// ("a+b", "AC/DC") arrived as one field's value and did not add or split a field.
/// </summary>
internal sealed class SearchLog
{
    private const int Capacity = 1000;
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _searches = new();

    public void Add(IReadOnlyDictionary<string, string> fields)
    {
        _searches.Enqueue(fields);
        while (_searches.Count > Capacity && _searches.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Snapshot() => _searches.ToArray();

    public void Clear() => _searches.Clear();
}
