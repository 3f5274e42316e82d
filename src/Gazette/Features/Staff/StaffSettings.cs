namespace Gazette.Features.Staff;

/// <summary>Configuration section <c>Gazette:Staff</c>.</summary>
public sealed class StaffSettings
{
    public const string Section = "Gazette:Staff";

    /// <summary>
    /// Every member of staff must use an authenticator app: until they set one up, the staff
    /// area shows them only the page where they do.
    /// </summary>
    public bool RequireTwoFactor { get; set; }
}
