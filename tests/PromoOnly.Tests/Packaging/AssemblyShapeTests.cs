using System.Reflection;
using System.Runtime.Versioning;

namespace PromoOnly.Tests.Packaging;

/// <summary>
/// What lets each build load where PromoOnly.psm1 sends it: the netstandard2.0 build in Windows
/// PowerShell 5.1 (this leg on .NET Framework tests it), the net8.0 build in PowerShell 7.4+ (the
/// leg on .NET tests it).
/// </summary>
public class AssemblyShapeTests
{
    private static readonly Assembly Module = typeof(DownloadServer).Assembly;

    [Fact]
    public void TargetsTheFrameworkItsPowerShellRuns()
    {
        var framework = Module.GetCustomAttribute<TargetFrameworkAttribute>();

#if NETFRAMEWORK
        Assert.Equal(".NETStandard,Version=v2.0", framework?.FrameworkName);
#else
        Assert.Equal(".NETCoreApp,Version=v8.0", framework?.FrameworkName);
#endif
    }

    [Fact]
    public void ReferencesNothingBeyondTheFrameworkTheHostAndTheShippedNewtonsoft()
    {
        string[] references = Module.GetReferencedAssemblies().Select(a => a.Name!).OrderBy(n => n).ToArray();

#if NETFRAMEWORK
        Assert.Equal(new[] { "netstandard", "Newtonsoft.Json", "System.Management.Automation" }, references);
#else
        // The net8.0 build references .NET's own assemblies one by one; each must be part of the
        // shared framework every PowerShell 7.4+ runs on, not a package the module would have to ship.
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string[] outside = references
            .Where(n => n is not "Newtonsoft.Json" and not "System.Management.Automation")
            .Where(n => !File.Exists(Path.Combine(framework, n + ".dll")))
            .ToArray();
        Assert.Contains("Newtonsoft.Json", references);
        Assert.Contains("System.Management.Automation", references);
        Assert.Empty(outside);
#endif
    }

    [Fact]
    public void NewtonsoftVersionIsTheOneCurrentPowerShell7Ships()
    {
        // PowerShell 7 loads its own Newtonsoft.Json 13.x first; asking for more would fail to bind there.
        AssemblyName newtonsoft = Module.GetReferencedAssemblies().Single(a => a.Name == "Newtonsoft.Json");

        Assert.Equal(new Version(13, 0, 0, 0), newtonsoft.Version);
    }

    [Fact]
    public void NoPublicSignatureExposesNewtonsoftTypes()
    {
        // Whichever copy of Newtonsoft wins in the host, no caller can see a type from ours.
        var leaks = new List<string>();
        foreach (Type type in Module.GetExportedTypes())
        {
            foreach (MemberInfo member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                IEnumerable<Type> used = member switch
                {
                    PropertyInfo p => new[] { p.PropertyType },
                    FieldInfo f => new[] { f.FieldType },
                    MethodInfo m => m.GetParameters().Select(x => x.ParameterType).Append(m.ReturnType),
                    ConstructorInfo c => c.GetParameters().Select(x => x.ParameterType),
                    EventInfo e => new[] { e.EventHandlerType! },
                    _ => Array.Empty<Type>(),
                };
                leaks.AddRange(used.Where(t => t.Assembly.GetName().Name == "Newtonsoft.Json").Select(t => $"{type.Name}.{member.Name}: {t.FullName}"));
            }

            if (type.BaseType?.Assembly.GetName().Name == "Newtonsoft.Json")
            {
                leaks.Add($"{type.Name} derives from {type.BaseType.FullName}");
            }
        }

        Assert.Empty(leaks);
    }

    [Fact]
    public void TheCoreDoesNotDependOnPowerShell()
    {
        // Only Commands/ may touch System.Management.Automation; everything else is testable without a host.
        var offenders = Module.GetTypes()
            .Where(t => t.Namespace is not null && !t.Namespace.StartsWith("PromoOnly.Commands", StringComparison.Ordinal))
            .Where(t => t.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Select(f => f.FieldType)
                .Concat(t.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                    .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
                .Any(x => x.Assembly.GetName().Name == "System.Management.Automation"))
            .Select(t => t.FullName)
            .ToArray();

        Assert.Empty(offenders);
    }
}
