using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Pages;

/// <summary>An article's revisions, <c>/admin/articles/{id}/revisions</c>: compare any two, restore one.</summary>
public sealed partial class RevisionsPage(IPage page)
{
    public IPage Page => page;

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Revisions", Level = 1 });

    public ILocator From => page.GetByLabel("Compare", new() { Exact = true });

    public ILocator To => page.GetByLabel("with", new() { Exact = true });

    public ILocator CompareButton => page.GetByRole(AriaRole.Button, new() { Name = "Compare", Exact = true });

    public ILocator Rows => page.Locator(".revision-table tbody tr");

    public ILocator StatusNotice => page.GetByRole(AriaRole.Status);

    /// <summary>The differences in one field ("Body", "Title"…).</summary>
    public ILocator Field(string label) =>
        page.Locator("section.diff-field").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { NameRegex = new($"^{label}\\b") }) });

    public ILocator Removed(string field) => Field(field).Locator("del");

    public ILocator Added(string field) => Field(field).Locator("ins");

    /// <summary>"Restore this revision" on the side compared from.</summary>
    public ILocator RestoreFrom => page.Locator(".diff-side").First.GetByRole(AriaRole.Button, new() { Name = "Restore this revision" });

    public async Task WaitAsync() => await Expect(Heading).ToBeVisibleAsync();

    /// <summary>Picks two revisions by their place in the list (0 is the newest) and compares them.</summary>
    public async Task CompareAsync(int from, int to)
    {
        await From.SelectOptionAsync(new SelectOptionValue { Index = from });
        await To.SelectOptionAsync(new SelectOptionValue { Index = to });
        await CompareButton.ClickAsync();
        await Expect(page).ToHaveURLAsync(ComparedUrl());
        await WaitAsync();
    }

    [GeneratedRegex(@"/revisions\?from=\d+&to=\d+$")]
    private static partial Regex ComparedUrl();
}
