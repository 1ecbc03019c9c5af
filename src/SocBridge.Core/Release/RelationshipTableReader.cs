using System.Text;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;

namespace SocBridge.Core.Release;

/// <summary>Assembles the relationship table from the three long-form release files and checks them against each other.</summary>
internal static class RelationshipTableReader
{
    public static RelationshipTable Read(IReleaseSource source, SocHierarchy soc2010, SocHierarchy soc2020)
    {
        TextReader Text(string file) => new StringReader(Encoding.UTF8.GetString(source.TryRead(file)!));
        var basesFile = Path.Combine(source.Location, ReleaseFiles.RelationshipBases);
        var linksFile = Path.Combine(source.Location, ReleaseFiles.RelationshipLinks);
        var residualsFile = Path.Combine(source.Location, ReleaseFiles.RelationshipResiduals);

        var bases = ReleaseCsv.ReadBases(Text(ReleaseFiles.RelationshipBases), basesFile)
            .ToDictionary(b => Unit(b.Soc2010, soc2010, basesFile), b => new CellVector(b.LfsMen, b.LfsWomen, b.CensusMen, b.CensusWomen));

        var links = new Dictionary<(SocCode, SocCode), (double[] P, double[] J)>();
        foreach (var row in ReleaseCsv.ReadLinks(Text(ReleaseFiles.RelationshipLinks), linksFile))
        {
            var from = Unit(row.Soc2010, soc2010, linksFile);
            var to = Unit(row.Soc2020, soc2020, linksFile);
            if (!WeightSets.TryParseCell(row.Source, row.Sex, out var cell))
                throw new ReleaseIntegrityException(linksFile, $"{row.Soc2010}→{row.Soc2020}: unknown sample cell '{row.Source}/{row.Sex}'");
            if (!links.TryGetValue((from, to), out var v)) links[(from, to)] = v = (new double[4], new double[4]);
            v.P[(int)cell] = row.Proportion;
            v.J[(int)cell] = row.JointCount;
        }

        var residuals = new Dictionary<SocCode, double[]>();
        foreach (var row in ReleaseCsv.ReadResiduals(Text(ReleaseFiles.RelationshipResiduals), residualsFile))
        {
            var from = Unit(row.Soc2010, soc2010, residualsFile);
            if (!WeightSets.TryParseCell(row.Source, row.Sex, out var cell))
                throw new ReleaseIntegrityException(residualsFile, $"{row.Soc2010}: unknown sample cell '{row.Source}/{row.Sex}'");
            if (!residuals.TryGetValue(from, out var r)) residuals[from] = r = new double[4];
            r[(int)cell] = row.Residual;
        }

        var linksBySource = links.GroupBy(l => l.Key.Item1).ToDictionary(g => g.Key, g => g.ToArray());
        var groups = bases.Select(kv =>
        {
            var groupLinks = linksBySource.GetValueOrDefault(kv.Key, [])
                .Select(l => new RelationshipLink(kv.Key, l.Key.Item2, Vector(l.Value.P), Vector(l.Value.J)))
                .OrderBy(l => l.Soc2020)
                .ToArray();
            return new RelationshipGroup(kv.Key, kv.Value, groupLinks, Vector(residuals.GetValueOrDefault(kv.Key, new double[4])));
        }).ToList();

        foreach (var (from, _) in links.Keys)
            if (!bases.ContainsKey(from))
                throw new ReleaseIntegrityException(linksFile, $"{from} has links but no bases in {ReleaseFiles.RelationshipBases}");
        return new RelationshipTable(groups);
    }

    private static CellVector Vector(double[] v) => new(v[0], v[1], v[2], v[3]);

    private static SocCode Unit(string text, SocHierarchy hierarchy, string file)
    {
        if (!SocCode.TryParse(text, hierarchy.Version, out var code, out var error))
            throw new ReleaseIntegrityException(file, error);
        if (code.Level != SocLevel.Unit || !hierarchy.Contains(code))
            throw new ReleaseIntegrityException(file, $"{code.ToQualifiedString()} is not a unit group of the release");
        return code;
    }
}
