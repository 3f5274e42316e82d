using System.Net;
using Gazette.Data;
using Gazette.Features.Comments;

namespace Gazette.Tests.Features.Comments;

public sealed class ModerationPolicyTests
{
    private static CommentCandidate Candidate(
        string text = "A fair point about the ferry.", string email = "reader@example.org", string? website = null,
        string ip = "198.51.100.20", bool approvedBefore = true, double? spamProbability = null) =>
        new("Reader", email, website, text, IPAddress.Parse(ip), approvedBefore, spamProbability);

    private static CommentSettings Settings(Action<CommentSettings>? configure = null)
    {
        var settings = new CommentSettings
        {
            BlockedWords = ["casino"],
            BlockedEmails = ["spammer@example.net", "@junk.example"],
            BlockedIpRanges = ["203.0.113.0/24", "2001:db8::/32"],
            BlockedDomains = ["pills.example"],
            MaxLinks = 2,
        };
        configure?.Invoke(settings);
        return settings;
    }

    [Fact]
    public void ApprovesACommenterApprovedBefore() =>
        Assert.Equal(CommentStatus.Approved, ModerationPolicy.Decide(Candidate(), Settings()).Status);

    [Fact]
    public void HoldsAFirstTimeCommenter()
    {
        var decision = ModerationPolicy.Decide(Candidate(approvedBefore: false), Settings());
        Assert.Equal(CommentStatus.Pending, decision.Status);
        Assert.Contains("First comment", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ManualApprovalHoldsEverythingFirst()
    {
        var decision = ModerationPolicy.Decide(Candidate(text: "casino"), Settings(s => s.ManualApproval = true));
        Assert.Equal(CommentStatus.Pending, decision.Status);
        Assert.Contains("Manual approval", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Win big at the CASINO tonight", "reader@example.org", null, "198.51.100.20", "blocked word \"casino\"")]
    [InlineData("Hello", "Spammer@Example.net", null, "198.51.100.20", "blocked entry \"spammer@example.net\"")]
    [InlineData("Hello", "anyone@junk.example", null, "198.51.100.20", "blocked entry \"@junk.example\"")]
    [InlineData("Hello", "reader@example.org", null, "203.0.113.99", "blocked address range 203.0.113.0/24")]
    [InlineData("Hello", "reader@example.org", null, "2001:db8:1::5", "blocked address range 2001:db8::/32")]
    [InlineData("See https://shop.pills.example/buy", "reader@example.org", null, "198.51.100.20", "blocked domain shop.pills.example")]
    [InlineData("Hello", "reader@example.org", "https://pills.example", "198.51.100.20", "blocked domain pills.example")]
    public void SendsBlockedCommentsToSpamEvenFromKnownCommenters(string text, string email, string? website, string ip, string reason)
    {
        var decision = ModerationPolicy.Decide(Candidate(text, email, website, ip), Settings());
        Assert.Equal(CommentStatus.Spam, decision.Status);
        Assert.Contains(reason, decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DoesNotMistakeALookalikeDomainForABlockedOne() =>
        Assert.Equal(CommentStatus.Approved,
            ModerationPolicy.Decide(Candidate("See https://notpills.example.org/"), Settings()).Status);

    [Fact]
    public void HoldsACommentWithTooManyLinks()
    {
        var text = "Sources: https://a.example/1 http://b.example/2 www.c.example/3";
        var decision = ModerationPolicy.Decide(Candidate(text), Settings());
        Assert.Equal(CommentStatus.Pending, decision.Status);
        Assert.Contains("3 links", decision.Reason, StringComparison.Ordinal);
        Assert.Equal(CommentStatus.Approved,
            ModerationPolicy.Decide(Candidate(text), Settings(s => s.MaxLinks = 3)).Status);
    }

    [Fact]
    public void SendsToSpamWhatTheClassifierIsSureOf()
    {
        Assert.Equal(CommentStatus.Spam, ModerationPolicy.Decide(Candidate(spamProbability: 0.99), Settings()).Status);
        Assert.Equal(CommentStatus.Approved, ModerationPolicy.Decide(Candidate(spamProbability: 0.80), Settings()).Status);
    }

    [Fact]
    public void BlockRulesComeBeforeTheLinkCount()
    {
        var text = "casino https://a.example https://b.example https://c.example";
        Assert.Equal(CommentStatus.Spam, ModerationPolicy.Decide(Candidate(text), Settings()).Status);
    }

    [Fact]
    public void ClosesCommentsSomeDaysAfterPublication()
    {
        var published = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var settings = Settings(s => s.CloseAfterDays = 14);
        Assert.True(settings.AreOpen(true, published, published.AddDays(13)));
        Assert.False(settings.AreOpen(true, published, published.AddDays(14)));
        Assert.False(settings.AreOpen(false, published, published));
        Assert.True(Settings().AreOpen(true, published, published.AddYears(5)));
    }
}
