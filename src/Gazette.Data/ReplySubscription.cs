namespace Gazette.Data;

/// <summary>
/// A commenter who asked to hear of replies to their comments. It counts only once confirmed
/// from the email (double opt-in), and ends with one click on the link in any notification.
/// </summary>
public class ReplySubscription
{
    public int Id { get; set; }
    public string Email { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public DateTime? UnsubscribedAt { get; set; }

    public bool IsActive => ConfirmedAt is not null && UnsubscribedAt is null;
}
