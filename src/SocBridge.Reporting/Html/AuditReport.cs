using System.Text;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Reporting.Evidence;
using static SocBridge.Reporting.Html.Html;

namespace SocBridge.Reporting.Html;

/// <summary>
/// The offline audit report of a release's weights: overview with flow diagrams, sortable and filterable
/// tables of every unit group in both directions, a page per group (drawn by the page script from the
/// embedded evidence), the inconsistencies, and where the samples disagree.
/// </summary>
public static class AuditReport
{
    /// <summary>
    /// The Content-Security-Policy the report is written for (also in its own meta tag): no external resources, its
    /// own inline script and style only. A server that sends the report should send this header with it.
    /// </summary>
    public const string ContentSecurityPolicy = HtmlPage.ContentSecurityPolicy;

    /// <summary>The report as a page (add sections to it before rendering if needed).</summary>
    internal static HtmlPage Page(AuditEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var o = evidence.Options;
        var page = new HtmlPage(
            "SOC2010 ⇄ SOC2020 weights: audit",
            $"Release {evidence.Release.ReleaseId} · weights {o.Selection} · {Number(o.IntervalProbability * 100, "0.#")}% intervals (Dirichlet model) · small base < {Number(o.SmallBase)} records")
        {
            Footer = $"SocBridge audit of release {evidence.Release.ReleaseId}. {evidence.Release.Manifest.Attribution} " +
                     "Relationship table: LFS Jan 2014 – Sep 2016 and 2011 Census 1% sample (England and Wales), dual-coded. Coding index and descriptions: SOC 2020 Volumes 1 and 2.",
        };
        page.AddSection("overview", "Overview", Overview(evidence));
        page.AddSection("soc2010", "SOC2010 groups", GroupTable(evidence, SocVersion.Soc2010));
        page.AddSection("soc2020", "SOC2020 groups", GroupTable(evidence, SocVersion.Soc2020));
        page.AddSection("issues", "Inconsistencies", Issues(evidence));
        page.AddSection("disagreement", "Disagreement", Disagreement(evidence));
        page.AddSection("group", null, "<div id=\"group-page\"><p>Choose a group in one of the tables.</p></div>");
        page.AddData(AuditReportData.ElementId, AuditReportData.Write(evidence));
        page.AddScript(HtmlPage.Asset("audit.js"));
        return page;
    }

    /// <summary>Writes the report: one self-contained HTML page.</summary>
    /// <param name="evidence">The evidence of the release, from <see cref="AuditEvidence.Build"/>.</param>
    /// <param name="writer">Where the page is written.</param>
    /// <exception cref="ArgumentNullException"><paramref name="evidence"/> or <paramref name="writer"/> is null.</exception>
    public static void Write(AuditEvidence evidence, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Page(evidence).Render(writer);
    }

    /// <summary>The report as one self-contained HTML page.</summary>
    /// <param name="evidence">The evidence of the release, from <see cref="AuditEvidence.Build"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="evidence"/> is null.</exception>
    public static string Render(AuditEvidence evidence) => Page(evidence).ToString();

    /// <summary>The link to a group's page inside the report.</summary>
    public static string GroupHref(SocCode code) => $"#g/{code.Version.Year()}/{code}";

    private static string GroupLink(SocCode code) => $"<a href=\"{GroupHref(code)}\">{code}</a>";

    private static string Overview(AuditEvidence e)
    {
        var sb = new StringBuilder();
        var sel = e.Options.Selection;
        var cells = Enum.GetValues<SampleCell>();
        var table = e.Release.Crosswalk.Table;
        var baseTotals = table.Groups.Aggregate(CellVector.Zero, (a, g) => a + g.Bases);
        var residualRecords = cells.ToDictionary(c => c, c => table.Groups.Sum(g => g.Bases[c] * g.Residuals[c]));
        var groupsWithResidual = table.Groups.Count(g => cells.Any(c => g.Bases[c] > 0 && Math.Abs(g.Residuals[c]) > AuditEvidence.ProportionTolerance));

        sb.Append("<div class=\"intro\"><p>Every SOC2010 → SOC2020 weight SocBridge uses comes from the ONS dual-coded relationship table: ");
        sb.Append("records coded to both classifications in the Labour Force Survey (Jan 2014 – Sep 2016) and the 2011 Census 1% sample, for men and women. ");
        sb.Append($"This report shows the weights of <b>{Encode(sel.ToString())}</b>, the records behind each, their intervals, and where the evidence is thin or inconsistent. ");
        sb.Append("Click any code to open its page.</p></div>");

        sb.Append("<div class=\"cards\">");
        foreach (var version in SocVersions.All)
        {
            var groups = e.Groups(version);
            sb.Append($"<div class=\"card\"><h3>SOC{version.Year()} unit groups → SOC{version.Other().Year()}</h3><p class=\"big\">{groups.Count}</p><ul class=\"types\">");
            foreach (var type in new[] { RelationshipType.OneToOne, RelationshipType.Split, RelationshipType.Merge, RelationshipType.Complex, RelationshipType.None })
            {
                var n = groups.Count(g => g.Relationship == type);
                if (n > 0 || type != RelationshipType.None) sb.Append($"<li><span class=\"rel rel-{type.Name()}\">{type.Name()}</span> {n}</li>");
            }
            sb.Append("</ul></div>");
        }
        sb.Append($"<div class=\"card\"><h3>Fallbacks under {Encode(sel.ToString())}</h3><p class=\"big\">{e.Soc2010.Count(g => g.IsFallback)} + {e.Soc2020.Count(g => g.IsFallback)}</p><p>SOC2010 + SOC2020 groups whose selected sample has no record, so the same source for all persons, then both sources pooled, is used.</p></div>");
        sb.Append($"<div class=\"card\"><h3>Index pairs without weight</h3><p class=\"big\">{e.IndexGaps.Count}</p><p>SOC2010 → SOC2020 pairs carried by {e.IndexGaps.Sum(g => g.Gap.IndexEntries)} coding-index entries that the relationship table gives no weight. <a href=\"#issues\">List</a></p></div>");
        sb.Append("</div>");

        sb.Append("<div class=\"row\"><div class=\"panel\"><h2>Bases by source and sex</h2><p>Dual-coded sample records per SOC2010 unit group, summed.</p>");
        sb.Append("<table class=\"data compact\"><thead><tr><th></th><th class=\"num\">men</th><th class=\"num\">women</th><th class=\"num\">all</th></tr></thead><tbody>");
        sb.Append($"<tr><th>LFS</th><td class=\"num\">{Number(baseTotals.LfsMen)}</td><td class=\"num\">{Number(baseTotals.LfsWomen)}</td><td class=\"num\">{Number(baseTotals.LfsMen + baseTotals.LfsWomen)}</td></tr>");
        sb.Append($"<tr><th>Census</th><td class=\"num\">{Number(baseTotals.CensusMen)}</td><td class=\"num\">{Number(baseTotals.CensusWomen)}</td><td class=\"num\">{Number(baseTotals.CensusMen + baseTotals.CensusWomen)}</td></tr>");
        sb.Append("</tbody></table>");
        sb.Append(Svg.BarChart("Bases by sample cell", cells.Select(c => new BarRow(CellNames.Label(c), [(baseTotals[c], CellNames.Colour(c), $"{CellNames.Label(c)}: {Number(baseTotals[c])} records")])).ToArray()));
        sb.Append("</div><div class=\"panel\"><h2>Residuals</h2>");
        sb.Append($"<p>In <b>{groupsWithResidual}</b> SOC2010 groups the proportions ONS lists for some cell sum to less than one: the rest of the base went to no listed SOC2020 group. ");
        sb.Append("SocBridge keeps the residual as data and renormalises over the listed groups (or, in an apportionment, keeps it as an explicit <code>unallocated</code> row on request).</p>");
        sb.Append(Svg.BarChart("Records ONS left unallocated, by cell", cells.Select(c => new BarRow(CellNames.Label(c),
            [(residualRecords[c], CellNames.Colour(c), $"{CellNames.Label(c)}: {Number(residualRecords[c], "N1")} of {Number(baseTotals[c])} records ({Percent(baseTotals[c] > 0 ? residualRecords[c] / baseTotals[c] : 0)})")])).ToArray(), "N0"));
        var worst = e.Soc2010.Where(g => g.Mapping.ResidualShare is > 0).OrderByDescending(g => g.Mapping.ResidualShare).Take(5).ToArray();
        if (worst.Length > 0)
            sb.Append("<p>Largest residual shares under the selection: " + string.Join(", ", worst.Select(g => $"{GroupLink(g.Code)} {Percent(g.Mapping.ResidualShare!.Value)}")) + ".</p>");
        sb.Append("</div></div>");

        sb.Append("<div class=\"panel\"><h2>How records flow between the editions</h2>");
        sb.Append($"<p>Band width = dual-coded records of {Encode(sel.ToString())} coded to both groups. Read left to right for the forward weights (SOC2010 → SOC2020) and in the second diagram of each pair for the reverse. Hover a band for the records and both weights; click a node to open the group list.</p>");
        foreach (var level in new[] { SocLevel.Major, SocLevel.SubMajor })
        {
            var flows = e.Flows(level);
            sb.Append($"<h3>{level.Name()}s</h3><div class=\"flows\">");
            sb.Append(FlowPicture(e, flows, level, forward: true));
            sb.Append(FlowPicture(e, flows, level, forward: false));
            sb.Append("</div>");
        }
        sb.Append("</div>");
        return sb.ToString();
    }

    private static string FlowPicture(AuditEvidence e, IReadOnlyList<FlowLink> links, SocLevel level, bool forward)
    {
        var from = forward ? SocVersion.Soc2010 : SocVersion.Soc2020;
        var to = from.Other();
        FlowNode Node(SocGroup g) => new(g.Code.ToString(), $"{g.Code} {g.DisplayTitle}", Svg.Palette[(g.Code.AtLevel(SocLevel.Major).Value - 1) % Svg.Palette.Count]);
        var leftGroups = e.Release.Hierarchy(from).AtLevel(level);
        var rightGroups = e.Release.Hierarchy(to).AtLevel(level);
        var fromTotals = links.GroupBy(l => forward ? l.Soc2010 : l.Soc2020).ToDictionary(g => g.Key, g => g.Sum(x => x.Records));
        var toTotals = links.GroupBy(l => forward ? l.Soc2020 : l.Soc2010).ToDictionary(g => g.Key, g => g.Sum(x => x.Records));
        var flows = links.Select(l =>
        {
            var a = forward ? l.Soc2010 : l.Soc2020;
            var b = forward ? l.Soc2020 : l.Soc2010;
            return new Flow(a.ToString(), b.ToString(), l.Records,
                $"SOC{from.Year()} {a} → SOC{to.Year()} {b}: {Number(l.Records)} records; {Percent(l.Records / fromTotals[a])} of SOC{from.Year()} {a}, {Percent(l.Records / toTotals[b])} of SOC{to.Year()} {b}");
        }).ToArray();
        var height = level == SocLevel.Major ? 430 : 760;
        return "<figure>" + Svg.FlowDiagram($"SOC{from.Year()} → SOC{to.Year()}, {level.Name()}s",
            leftGroups.Where(g => fromTotals.ContainsKey(g.Code)).Select(Node).ToArray(),
            rightGroups.Where(g => toTotals.ContainsKey(g.Code)).Select(Node).ToArray(),
            flows, $"SOC{from.Year()}", $"SOC{to.Year()}", height) +
            $"<figcaption>SOC{from.Year()} → SOC{to.Year()} ({level.Name()}s), coloured by SOC{from.Year()} major group.</figcaption></figure>";
    }

    private static string GroupTable(AuditEvidence e, SocVersion version)
    {
        var forward = version == SocVersion.Soc2010;
        var other = version.Other().Year();
        var groups = e.Groups(version);
        var baseHint = forward ? "ONS base: dual-coded records of the group in this cell" : "Records of this cell coded to the group";
        var columns = new List<HtmlColumn>
        {
            new("code"), new("title"), new("relationship"),
            new(forward ? "targets" : "sources", ColumnKind.Number, $"SOC{other} groups listed for the group"),
            new($"largest {(forward ? "targets" : "sources")}", ColumnKind.Text, $"Selected weights of the largest SOC{other} counterparts"),
            new("LFS men", ColumnKind.Number, baseHint), new("LFS women", ColumnKind.Number, baseHint),
            new("Census men", ColumnKind.Number, baseHint), new("Census women", ColumnKind.Number, baseHint),
            new("records used", ColumnKind.Number, "Records behind the selected weights (after any fallback)"),
            new("residual", ColumnKind.Number, "Share of the selected base ONS allocated to no listed SOC2020 group"),
            new("LFS vs Census", ColumnKind.Number, "Total variation distance between the LFS and Census weights (all persons): 0 same, 1 disjoint"),
            new("men vs women", ColumnKind.Number, "Total variation distance between men's and women's weights (both sources)"),
            new("flags"),
        };
        var t = new HtmlTable($"table-{version.Year()}", columns)
            .AddSelectFilter("rel", "relationship", ["one-to-one", "split", "merge", "complex"])
            .AddSelectFilter("flags", "flag", ["fallback", "small-base", "residual"]);
        foreach (var g in groups)
        {
            var flags = new List<string>();
            if (g.IsFallback) flags.Add("fallback");
            if (g.SmallBase is not null) flags.Add("small-base");
            if (g.Mapping.ResidualShare is > 0) flags.Add("residual");
            var top = string.Join(" ", g.Targets.Where(x => x.Weight > 0).Take(3).Select(x => $"<span class=\"chip\" title=\"{Encode(x.Title)}\">{x.Code} <b>{Number(x.Weight, "0.00")}</b></span>"));
            var more = g.Targets.Count(x => x.Weight > 0) - 3;
            if (more > 0) top += $" <span class=\"more\">+{more}</span>";
            var residual = g.Mapping.ResidualShare ?? double.NaN;
            t.AddRow(
            [
                new HtmlCell($"<a href=\"{GroupHref(g.Code)}\">{g.Code}</a>"),
                HtmlCell.Text(g.Title),
                new HtmlCell($"<span class=\"rel rel-{g.Relationship.Name()}\">{g.Relationship.Name()}</span>"),
                HtmlCell.Number(g.Targets.Count),
                new HtmlCell(top),
                HtmlCell.Number(g.Bases.LfsMen), HtmlCell.Number(g.Bases.LfsWomen), HtmlCell.Number(g.Bases.CensusMen), HtmlCell.Number(g.Bases.CensusWomen),
                HtmlCell.Number(g.SampleTotal),
                new HtmlCell(double.IsNaN(residual) ? "" : Percent(residual), double.IsNaN(residual) ? null : residual),
                Distance(g.LfsCensusDistance),
                Distance(g.MenWomenDistance),
                new HtmlCell(string.Join(" ", flags.Select(f => $"<span class=\"flag flag-{f}\">{f}</span>"))),
            ], new Dictionary<string, string> { ["code"] = g.Code.ToString(), ["rel"] = g.Relationship.Name(), ["flags"] = string.Join(' ', flags) });
        }
        var intro = forward
            ? $"<p>The {groups.Count} SOC2010 unit groups with their forward weights to SOC2020 ({Encode(e.Options.Selection.ToString())}). Click a column to sort, type to filter, click a code for its page.</p>"
            : $"<p>The {groups.Count} SOC2020 unit groups with their reverse weights to SOC2010 ({Encode(e.Options.Selection.ToString())}): which SOC2010 groups each is made of. The cell columns count the records each sample cell sends to the group.</p>";
        return $"<h2>SOC{version.Year()} unit groups</h2>" + intro + t.Render();
    }

    private static HtmlCell Distance(double? d) => d is { } v ? HtmlCell.Number(v, "0.000") : new HtmlCell("<span class=\"na\" title=\"one of the samples has no record\">n/a</span>");

    private static string Issues(AuditEvidence e)
    {
        var sb = new StringBuilder();
        var sel = Encode(e.Options.Selection.ToString());
        sb.Append("<h2>Inconsistencies and thin evidence</h2>");
        sb.Append("<nav class=\"toc\"><a href=\"#issues-gaps\">Index pairs without weight</a> · <a href=\"#issues-sums\">Proportions not summing to one</a> · <a href=\"#issues-small\">Small-base groups</a> · <a href=\"#issues-shares\">SOC2020 groups fed only by small shares</a></nav>");

        sb.Append($"<h3 id=\"issues-gaps\">Coding-index pairs without weight ({e.IndexGaps.Count})</h3>");
        sb.Append("<p>The coding index codes these job titles to a SOC2010 and a SOC2020 group that the relationship table never links (or links with no record in any sample). A series translated with the weights sends nothing along these pairs.</p>");
        var gaps = new HtmlTable("table-gaps", [new("SOC2010"), new("SOC2010 title"), new("SOC2020"), new("SOC2020 title"), new("listed", ColumnKind.Text, "Listed in the table with zero records in every cell"), new("entries", ColumnKind.Number), new("index titles")]);
        foreach (var g in e.IndexGaps)
            gaps.AddRow([new HtmlCell(GroupLink(g.Gap.Soc2010)), HtmlCell.Text(g.Soc2010Title), new HtmlCell(GroupLink(g.Gap.Soc2020)), HtmlCell.Text(g.Soc2020Title),
                g.Gap.ListedInTable ? "yes" : "no", HtmlCell.Number(g.Gap.IndexEntries), new HtmlCell(Titles(g.Titles.Select(x => x.Title).ToArray()))],
                new Dictionary<string, string> { ["code"] = $"{g.Gap.Soc2010} {g.Gap.Soc2020}" });
        sb.Append(gaps.Render());

        sb.Append($"<h3 id=\"issues-sums\">Proportions not summing to one ({e.ProportionSums.Count} cells in {e.ProportionSums.Select(s => s.Soc2010).Distinct().Count()} groups)</h3>");
        sb.Append("<p>Per SOC2010 group and sample cell with records, the listed SOC2020 proportions and what is left. The weights are renormalised over the listed groups; the residual is reported with every forward mapping.</p>");
        var sums = new HtmlTable("table-sums", [new("SOC2010"), new("title"), new("cell"), new("base", ColumnKind.Number), new("sum of proportions", ColumnKind.Number), new("residual", ColumnKind.Number), new("records unallocated", ColumnKind.Number)])
            .AddSelectFilter("cell", "cell", Enum.GetValues<SampleCell>().Select(CellNames.Key).ToArray());
        foreach (var s in e.ProportionSums)
            sums.AddRow([new HtmlCell(GroupLink(s.Soc2010)), HtmlCell.Text(s.Title), CellNames.Label(s.Cell), HtmlCell.Number(s.Base), HtmlCell.Number(s.ProportionSum, "0.0000"),
                new HtmlCell(Percent(s.Residual), s.Residual), HtmlCell.Number(s.ResidualRecords, "N1")],
                new Dictionary<string, string> { ["code"] = s.Soc2010.ToString(), ["cell"] = CellNames.Key(s.Cell) });
        sb.Append(sums.Render());

        sb.Append($"<h3 id=\"issues-small\">Small-base groups (fewer than {Number(e.Options.SmallBase)} records under {sel})</h3>");
        sb.Append("<p>Weights resting on few records have wide intervals. For each group, the nearest coarser group of the same edition whose weights rest on enough records: translating at that level is safer.</p>");
        var small = new HtmlTable("table-small", [new("edition"), new("code"), new("title"), new("records", ColumnKind.Number), new("fallback"), new("safer level"), new("safer group"), new("its records", ColumnKind.Number)])
            .AddSelectFilter("edition", "edition", ["SOC2010", "SOC2020"]);
        foreach (var version in SocVersions.All)
            foreach (var g in e.SmallBaseGroups(version))
            {
                var a = g.SmallBase!;
                small.AddRow([$"SOC{version.Year()}", new HtmlCell(GroupLink(g.Code)), HtmlCell.Text(g.Title), HtmlCell.Number(a.Records), g.IsFallback ? g.Mapping.Used.ToString() : "",
                    a.Safer.Level.Name(), HtmlCell.Text($"{a.Safer} {a.SaferTitle}"), HtmlCell.Number(a.SaferRecords)],
                    new Dictionary<string, string> { ["code"] = g.Code.ToString(), ["edition"] = $"SOC{version.Year()}" });
            }
        sb.Append(small.Render());

        sb.Append($"<h3 id=\"issues-shares\">SOC2020 groups fed only by small shares ({e.SmallShares.Count})</h3>");
        sb.Append($"<p>No SOC2010 group sends more than {Percent(e.Options.SmallShare)} of itself to these SOC2020 groups, so a translated series builds them entirely from slivers of larger groups: their figures are the least direct.</p>");
        var shares = new HtmlTable("table-shares", [new("SOC2020"), new("title"), new("records", ColumnKind.Number), new("largest share", ColumnKind.Number), new("fed by")]);
        foreach (var s in e.SmallShares)
            shares.AddRow([new HtmlCell(GroupLink(s.Soc2020)), HtmlCell.Text(s.Title), HtmlCell.Number(s.Records), HtmlCell.Number(s.Feeders.Max(f => f.Weight), "0.000"),
                new HtmlCell(string.Join(" ", s.Feeders.Take(6).Select(f => $"<span class=\"chip\" title=\"{Encode(f.Title)}\">{GroupLink(f.Soc2010)} <b>{Number(f.Weight, "0.000")}</b></span>")) + (s.Feeders.Count > 6 ? $" <span class=\"more\">+{s.Feeders.Count - 6}</span>" : ""))],
                new Dictionary<string, string> { ["code"] = s.Soc2020.ToString() });
        sb.Append(shares.Render());
        return sb.ToString();
    }

    private static string Titles(IReadOnlyList<string> titles) =>
        titles.Count <= 3
            ? Encode(string.Join("; ", titles))
            : $"<details><summary>{Encode(string.Join("; ", titles.Take(2)))} … ({titles.Count})</summary>{Encode(string.Join("; ", titles))}</details>";

    private static string Disagreement(AuditEvidence e)
    {
        var sb = new StringBuilder();
        sb.Append("<h2>Where the samples disagree</h2>");
        sb.Append("<p>For each group, the total variation distance (half the sum of absolute differences of the weights; 0 = the same split, 1 = no overlap) between the LFS and Census weights (all persons) and between men's and women's weights (both sources). ");
        sb.Append("Large distances mean the choice of <code>--weights</code> or <code>--sex</code> changes a translated series. Point area follows the records behind the weights; click a point for the group.</p>");
        sb.Append("<div class=\"row\">");
        foreach (var version in SocVersions.All)
        {
            var points = e.Groups(version).Where(g => g.LfsCensusDistance is not null && g.MenWomenDistance is not null)
                .Select(g => new ScatterPoint(g.LfsCensusDistance!.Value, g.MenWomenDistance!.Value,
                    Math.Clamp(Math.Sqrt(g.Coverage.First(c => c.Requested == new WeightSelection(WeightSet.Pooled, SexSet.All)).SampleTotal) / 9, 2, 14),
                    Svg.Palette[(g.Code.AtLevel(SocLevel.Major).Value - 1) % Svg.Palette.Count],
                    $"SOC{version.Year()} {g.Code} {g.Title}: LFS vs Census {Number(g.LfsCensusDistance.Value, "0.000")}, men vs women {Number(g.MenWomenDistance.Value, "0.000")}",
                    GroupHref(g.Code))).ToArray();
            sb.Append($"<div class=\"panel\"><h3>SOC{version.Year()} groups ({(version == SocVersion.Soc2010 ? "forward" : "reverse")} weights)</h3>");
            sb.Append(Svg.ScatterPlot($"Disagreement of SOC{version.Year()} groups", points, "LFS vs Census (total variation distance)", "men vs women (total variation distance)"));
            sb.Append(Svg.Legend(Enumerable.Range(1, 9).Select(m => (Svg.Palette[m - 1], $"major group {m}"))));
            sb.Append("</div>");
        }
        sb.Append("</div>");

        sb.Append("<div class=\"row\">");
        sb.Append(TopDisagreement(e, "LFS vs Census", g => g.LfsCensusDistance,
            new WeightSelection(WeightSet.Lfs, SexSet.All), new WeightSelection(WeightSet.Census, SexSet.All), CellNames.Colour(SampleCell.LfsMen), CellNames.Colour(SampleCell.CensusMen)));
        sb.Append(TopDisagreement(e, "men vs women", g => g.MenWomenDistance,
            new WeightSelection(WeightSet.Pooled, SexSet.Men), new WeightSelection(WeightSet.Pooled, SexSet.Women), "#2f6b3b", "#a8558f"));
        sb.Append("</div>");
        return sb.ToString();
    }

    private static string TopDisagreement(AuditEvidence e, string what, Func<GroupEvidence, double?> distance, WeightSelection a, WeightSelection b, string colourA, string colourB)
    {
        var crosswalk = e.Release.Crosswalk;
        var rows = e.Soc2010.Where(g => distance(g) is not null).OrderByDescending(g => distance(g)).ThenBy(g => g.Code).Take(20)
            .Select(g =>
            {
                var ma = crosswalk.Map(g.Code, a).Targets.ToDictionary(t => t.Code, t => t.Weight);
                var mb = crosswalk.Map(g.Code, b).Targets.ToDictionary(t => t.Code, t => t.Weight);
                var target = ma.Keys.Union(mb.Keys).OrderByDescending(c => Math.Abs(ma.GetValueOrDefault(c) - mb.GetValueOrDefault(c))).ThenBy(c => c).First();
                var wa = ma.GetValueOrDefault(target);
                var wb = mb.GetValueOrDefault(target);
                return new DotRow($"{g.Code} → {target} ({Number(distance(g)!.Value, "0.00")})",
                    [new Dot(wa, colourA, $"{g.Code} → {target} under {a}: {Number(wa, "0.000")}"), new Dot(wb, colourB, $"{g.Code} → {target} under {b}: {Number(wb, "0.000")}")],
                    GroupHref(g.Code));
            }).ToArray();
        return $"<div class=\"panel\"><h3>The 20 SOC2010 groups where {Encode(what)} disagree most</h3><p>For each, the SOC2020 target whose weight differs most (distance in brackets).</p>" +
               Svg.DotPlot($"Largest {what} disagreements", rows, "weight of the target") +
               Svg.Legend([(colourA, a.ToString()), (colourB, b.ToString())]) + "</div>";
    }
}
