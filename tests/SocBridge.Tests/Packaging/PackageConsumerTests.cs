using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Lookup;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;
using Xunit.Abstractions;

namespace SocBridge.Tests.Packaging;

/// <summary>
/// Packs the solution (without building it again) into a temporary folder, then builds and runs a fresh
/// console project that references the packages from that folder and whose Program.cs is the C# example
/// of README.md. Restore is offline: the packages the example needs besides SocBridge's come from the
/// machine's NuGet cache, used as a fallback folder, and the SocBridge packages get a version of their
/// own, so a stale copy can never be picked up.
/// </summary>
public sealed class PackageConsumerTests(ITestOutputHelper log) : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly string[] Packages = ["SocBridge.Core", "SocBridge.Apportion", "SocBridge.Recode", "SocBridge.Cli"];
    private readonly TempDirectory _temp = new();

    [Fact]
    public void The_packed_libraries_build_and_run_the_README_example()
    {
        var version = "1.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var feed = Directory.CreateDirectory(_temp.File("feed")).FullName;
        Run(RepoPaths.Root, "pack", "SocBridge.sln", "-c", Configuration, "--no-build", "-o", feed, $"-p:PackageVersion={version}", "-nologo", "-v", "q");

        foreach (var id in Packages)
        {
            Assert.True(File.Exists(Path.Combine(feed, $"{id}.{version}.snupkg")), $"{id} has no symbols package");
            CheckPackage(Path.Combine(feed, $"{id}.{version}.nupkg"), id, version);
        }

        var app = Directory.CreateDirectory(_temp.File("app")).FullName;
        File.WriteAllText(Path.Combine(app, "Program.cs"), ReadmeExample());
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <WarningsNotAsErrors>NU1603;NU1900</WarningsNotAsErrors>
                <InvariantGlobalization>true</InvariantGlobalization>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SocBridge.Core" Version="{version}" />
                <PackageReference Include="SocBridge.Apportion" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{_temp.File("packages")}" />
              </config>
              <fallbackPackageFolders>
                <clear />
                <add key="machine" value="{MachinePackageFolder()}" />
              </fallbackPackageFolders>
              <packageSources>
                <clear />
                <add key="packed" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="packed"><package pattern="SocBridge.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);

        var output = Run(app, "run", "-c", "Release", "-nologo");
        log.WriteLine(output);

        var release = SocRelease.LoadEmbedded();
        var lookup = new CodeLookup(release);
        Assert.Contains($"release {release.ReleaseId}", output);
        Assert.Contains($"SOC2010 2136 {lookup.Lookup("2136", SocVersion.Soc2010).Value.Title}", output);
        Assert.Contains(lookup.Lookup("2199", SocVersion.Soc2010).Failure!.Message, output);
        foreach (var target in lookup.Map("2136", SocVersion.Soc2010, WeightSelection.Default).Value.Targets)
            Assert.Contains($"SOC2020 {target.Code} {target.Title}: weight", output);
        Assert.Matches(new Regex(@"SOC2020 \d{4}: \d+\.\d jobs"), output);
    }

    /// <summary>The first C# block of README.md's "Using the library" section.</summary>
    private static string ReadmeExample()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");
        var section = readme.IndexOf("\n## Using the library\n", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no 'Using the library' section");
        var start = readme.IndexOf("```csharp\n", section, StringComparison.Ordinal);
        Assert.True(start >= 0, "the 'Using the library' section has no C# block");
        start += "```csharp\n".Length;
        var end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        return readme[start..end] + "\n";
    }

    /// <summary>The readme, licence, repository, description and pinned SocBridge dependencies every package carries.</summary>
    private static void CheckPackage(string path, string id, string version)
    {
        using var zip = ZipFile.OpenRead(path);
        var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        XDocument nuspec;
        using (var stream = nuspecEntry.Open()) nuspec = XDocument.Load(stream);
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Field(string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal(id, Field("id"));
        Assert.Equal("MIT", Field("license"));
        Assert.Equal("README.md", Field("readme"));
        Assert.NotNull(metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "repository"));
        Assert.False(string.IsNullOrWhiteSpace(Field("description")));
        Assert.DoesNotContain("Package Description", Field("description"));

        // Packages that share Core's internals depend on exactly the Core they were built with.
        foreach (var dependency in metadata.Descendants().Where(e => e.Name.LocalName == "dependency"))
            if (dependency.Attribute("id")!.Value.StartsWith("SocBridge.", StringComparison.Ordinal))
                Assert.Equal($"[{version}]", dependency.Attribute("version")!.Value);

        using var readme = new StreamReader(zip.GetEntry("README.md")!.Open());
        Assert.Contains("Open Government Licence v3.0", Regex.Replace(readme.ReadToEnd(), @"\s+", " "));
    }

    private static string MachinePackageFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string Run(string workingDirectory, params string[] args)
    {
        var run = ChildProcess.Run("dotnet", workingDirectory, TimeSpan.FromMinutes(8), args);
        Assert.True(run.Exit == 0, $"dotnet {string.Join(' ', args)} exited with {run.Exit}:\n{run.All}");
        return run.All;
    }

    public void Dispose() => _temp.Dispose();
}
