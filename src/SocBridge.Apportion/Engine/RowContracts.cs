namespace SocBridge.Apportion.Engine;

/// <summary>Receives rejected rows and values.</summary>
internal interface IRejectSink
{
    void Reject(RejectRecord record);
}

/// <summary>The row being added, read only when something in it must be rejected.</summary>
internal interface ICurrentRow
{
    /// <summary>The row's number among the data rows (its physical line can be later, after quoted line breaks).</summary>
    long Record { get; }

    /// <summary>Every field of the row, as read.</summary>
    IReadOnlyList<string> Fields();

    /// <summary>The text of value column <paramref name="valueIndex"/>.</summary>
    string RawValue(int valueIndex);
}

/// <summary>Keeps rejects in memory (for the library and the API).</summary>
internal sealed class RejectList : IRejectSink
{
    public List<RejectRecord> Records { get; } = [];

    public void Reject(RejectRecord record) => Records.Add(record);
}
