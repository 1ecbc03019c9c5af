using SocBridge.Release.Workbook;

namespace SocBridge.Release.Validation;

/// <summary>A group of a SOC hierarchy as read from an original, with the parent its position there implies.</summary>
internal sealed record SourceGroup(string Code, string Parent, string Title, SourceLocation Location);
