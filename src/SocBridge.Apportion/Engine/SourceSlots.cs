using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;

namespace SocBridge.Apportion.Engine;

/// <summary>
/// Numbers every (source code, weight selection) pair of an edition densely: the code's position among
/// all groups of the source hierarchy, times the nine weight selections. The numbering is fixed by the
/// release, so parallel readers agree on it without sharing state.
/// </summary>
internal sealed class SourceSlots
{
    public const int SelectionsPerCode = 9;

    /// <summary>Codes are at most four digits, so a code's number indexes an array of this size.</summary>
    public const int CodeNumbers = 10_000;

    private readonly int[] _indexOfValue = Enumerable.Repeat(-1, CodeNumbers).ToArray();
    private readonly SocCode[] _codes;

    public SourceSlots(SocHierarchy hierarchy)
    {
        _codes = [.. Enum.GetValues<SocLevel>().SelectMany(l => hierarchy.AtLevel(l)).Select(g => g.Code).OrderBy(c => c)];
        for (var i = 0; i < _codes.Length; i++) _indexOfValue[_codes[i].Value] = i;
        // A cell key packs the slot into its low bits (CellTable.Key): every slot must fit.
        if (Count > CellTable.MaxSlots)
            throw new InvalidOperationException($"{Count} source slots do not fit the {CellTable.SlotBits}-bit slot field of a cell key");
    }

    public int Count => _codes.Length * SelectionsPerCode;

    /// <summary>The slot of a code of the hierarchy (codes are unique by value within an edition).</summary>
    public int Of(SocCode code, WeightSelection selection) =>
        _indexOfValue[code.Value] * SelectionsPerCode + (int)selection.Set * 3 + (int)selection.Sex;

    public SocCode Code(int slot) => _codes[slot / SelectionsPerCode];

    public WeightSelection Selection(int slot) =>
        new((WeightSet)(slot % SelectionsPerCode / 3), (SexSet)(slot % 3));
}
