using System.Reflection;
using System.Runtime.Versioning;

namespace PromoOnly.Tests.Packaging;

/// <summary>What lets one DLL load in Windows PowerShell 5.1 and PowerShell 7 alike.</summary>
public class AssemblyShapeTests
{
    private static readonly Assembly Module = typeof(DownloadServer).Assembly;

    [Fact]
    public void TargetsNetStandard20Only()
    {
        var framework = Module.GetCustomAttribute<TargetFrameworkAttribute>();

        Assert.Equal(".NETStandard,Version=v2.0", framework?.FrameworkName);
    }

    [Fact]
    public void ReferencesNothingBeyondNetStandardTheHostAndTheShippedNewtonsoft()
    {
        string[] references = Module.GetReferencedAssemblies().Select(a => a.Name!).OrderBy(n => n).ToArray();

        Assert.Equal(new[] { "netstandard", "Newtonsoft.Json", "System.Management.Automation" }, references);
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
