using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Gazette.Data;

namespace Gazette.Features.Comments;

/// <summary>Everything the policy looks at for one new comment.</summary>
public sealed record CommentCandidate(
    string Name, string Email, string? Website, string Text, IPAddress? Ip, bool ApprovedBefore,
    double? SpamProbability = null);

public sealed record ModerationDecision(CommentStatus Status, string Reason);

/// <summary>
/// Decides a new comment's state. The rules run in this order and the first that matches decides:
/// manual approval; blocked words, emails, addresses and link domains (spam); too many links;
/// the content classifier sure it is spam; a first-time commenter; a commenter approved before (approved).
/// </summary>
public static partial class ModerationPolicy
{
    public static ModerationDecision Decide(CommentCandidate comment, CommentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(comment);
        ArgumentNullException.ThrowIfNull(settings);

        if (settings.ManualApproval)
        {
            return new(CommentStatus.Pending, "Manual approval is on: every comment waits for a moderator.");
        }
        if (BlockedWord(comment, settings) is { } word)
        {
            return new(CommentStatus.Spam, $"Contains the blocked word \"{word}\".");
        }
        if (BlockedEmail(comment.Email, settings) is { } email)
        {
            return new(CommentStatus.Spam, $"The email matches the blocked entry \"{email}\".");
        }
        if (comment.Ip is { } ip && settings.BlockedIpRanges.FirstOrDefault(range => InRange(ip, range)) is { } blockedRange)
        {
            return new(CommentStatus.Spam, $"Sent from the blocked address range {blockedRange}.");
        }
        var links = LinkHosts(comment).ToList();
        if (links.FirstOrDefault(host => settings.BlockedDomains.Any(d => IsDomainOrSubdomain(host, d))) is { } blockedHost)
        {
            return new(CommentStatus.Spam, $"Links to the blocked domain {blockedHost}.");
        }
        var linksInText = LinkPattern().Count(comment.Text);
        if (linksInText > settings.MaxLinks)
        {
            return new(CommentStatus.Pending, $"Has {linksInText} links; more than {settings.MaxLinks} wait for a moderator.");
        }
        if (comment.SpamProbability is { } p && p >= settings.SpamThreshold)
        {
            return new(CommentStatus.Spam, string.Create(CultureInfo.InvariantCulture,
                $"The content classifier rates it spam (probability {p:0.00})."));
        }
        return comment.ApprovedBefore
            ? new(CommentStatus.Approved, "This name and email had a comment approved before.")
            : new(CommentStatus.Pending, "First comment from this name and email.");
    }

    private static string? BlockedWord(CommentCandidate comment, CommentSettings settings)
    {
        var haystack = string.Join('\n', comment.Name, comment.Email, comment.Website, comment.Text);
        return settings.BlockedWords.FirstOrDefault(word =>
            !string.IsNullOrWhiteSpace(word) && haystack.Contains(word.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    private static string? BlockedEmail(string email, CommentSettings settings) =>
        settings.BlockedEmails.FirstOrDefault(entry =>
        {
            entry = entry.Trim();
            return entry.Length > 0 && (entry.StartsWith('@')
                ? email.EndsWith(entry, StringComparison.OrdinalIgnoreCase)
                : email.Equals(entry, StringComparison.OrdinalIgnoreCase));
        });

    private static bool InRange(IPAddress ip, string range)
    {
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }
        return IPNetwork.TryParse(range.Trim(), out var network) ? network.Contains(ip)
            : IPAddress.TryParse(range.Trim(), out var single) && single.Equals(ip);
    }

    private static IEnumerable<string> LinkHosts(CommentCandidate comment)
    {
        var urls = LinkPattern().Matches(comment.Text).Select(m => m.Value);
        if (comment.Website is not null)
        {
            urls = urls.Append(comment.Website);
        }
        foreach (var url in urls)
        {
            var absolute = url.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? "http://" + url : url;
            if (Uri.TryCreate(absolute, UriKind.Absolute, out var uri))
            {
                yield return uri.IdnHost;
            }
        }
    }

    private static bool IsDomainOrSubdomain(string host, string domain)
    {
        domain = domain.Trim().TrimStart('.');
        return domain.Length > 0 && (host.Equals(domain, StringComparison.OrdinalIgnoreCase)
            || host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"(?:https?://|www\.)[^\s<>""']+", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();
}
