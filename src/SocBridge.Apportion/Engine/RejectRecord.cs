namespace SocBridge.Apportion.Engine;

/// <summary>
/// A row (Column null) or a single value that could not be apportioned, with where and why.
/// A rejected value leaves the rest of its row in the output.
/// </summary>
public sealed record RejectRecord(long Line, string? Column, string? Value, string Reason, IReadOnlyList<string> Fields)
{
    /// <summary>The row's number among the data rows (the same as its line less the header, unless a quoted field spans lines).</summary>
    public long Record { get; init; }
}
