namespace SocBridge.Apportion.Engine;

/// <summary>
/// A row (Column null) or a single value that could not be apportioned, with where and why.
/// A rejected value leaves the rest of its row in the output.
/// </summary>
public sealed record RejectRecord(long Line, string? Column, string? Value, string Reason, IReadOnlyList<string> Fields);
