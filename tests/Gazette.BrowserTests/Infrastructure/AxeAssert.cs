using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Gazette.BrowserTests.Infrastructure;

public static class AxeAssert
{
    /// <summary>
    /// axe-core's default rules (WCAG 2.0/2.1 A and AA, and best practices) plus the WCAG 2.2 AA
    /// rule that axe still leaves off by default: SPEC asks for WCAG 2.2 AA.
    /// </summary>
    private static readonly AxeRunOptions Options = new()
    {
        Rules = new Dictionary<string, RuleOptions> { ["target-size"] = new() { Enabled = true } },
    };

    /// <summary>Runs axe-core on the page as it is now and fails with every violation and where it was found.</summary>
    public static async Task NoViolationsAsync(IPage page, string what)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe(Options);
        if (result.Violations.Length == 0)
        {
            return;
        }
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"axe-core found {result.Violations.Length} violation(s) on {what} ({page.Url}):");
        foreach (var violation in result.Violations)
        {
            var tags = string.Join(", ", violation.Tags.Where(t => t.StartsWith("wcag", StringComparison.Ordinal) || t == "best-practice"));
            report.AppendLine(CultureInfo.InvariantCulture, $"- {violation.Id} [{violation.Impact}] {violation.Help} ({tags}) {violation.HelpUrl}");
            foreach (var node in violation.Nodes)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"    at {node.Target}: {node.Html}");
                AppendChecks(report, "fix all of", (node.All ?? []).Concat(node.None ?? []));
                AppendChecks(report, "fix any of", node.Any ?? []);
            }
        }
        Assert.Fail(report.ToString());
    }

    private static void AppendChecks(StringBuilder report, string heading, IEnumerable<AxeResultCheck> checks)
    {
        var messages = checks.Select(c => c.Message).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct().ToList();
        if (messages.Count > 0)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"      {heading}: {string.Join("; ", messages)}");
        }
    }
}
