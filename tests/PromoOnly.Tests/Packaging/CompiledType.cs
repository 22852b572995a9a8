#if NET
namespace PromoOnly.Tests.Packaging;

/// <summary>An outermost type as compiled: its full name, whether scripts see it, the source files it came from and the other types of its assembly it uses.</summary>
internal sealed record CompiledType(string FullName, bool IsPublic, IReadOnlyList<string> Files, IReadOnlyList<string> Uses);
#endif
