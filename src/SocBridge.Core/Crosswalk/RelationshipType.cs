namespace SocBridge.Core.Crosswalk;

/// <summary>
/// How a code relates to the other edition, seen from that code, using every link with a positive
/// pooled joint count at the levels compared.
/// </summary>
public enum RelationshipType
{
    /// <summary>No dual-coded record links the code to the other edition.</summary>
    None,

    /// <summary>One counterpart, which has no other source.</summary>
    OneToOne,

    /// <summary>Several counterparts, none of which has another source.</summary>
    Split,

    /// <summary>One counterpart that other codes also feed.</summary>
    Merge,

    /// <summary>Several counterparts, at least one of which other codes also feed.</summary>
    Complex,
}

/// <summary>Helpers for <see cref="RelationshipType"/>.</summary>
public static class RelationshipTypes
{
    /// <summary>The type's name as written in outputs, e.g. "one-to-one".</summary>
    /// <param name="type">A relationship type.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined value.</exception>
    public static string Name(this RelationshipType type) => type switch
    {
        RelationshipType.None => "none",
        RelationshipType.OneToOne => "one-to-one",
        RelationshipType.Split => "split",
        RelationshipType.Merge => "merge",
        RelationshipType.Complex => "complex",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
