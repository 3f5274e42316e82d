using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gazette.BrowserTests.Pages;

/// <summary>The newsroom's sign-in form, <c>/admin/signin</c>.</summary>
public sealed partial class SignInPage(IPage page)
{
    public ILocator UserName => page.GetByLabel("User name or email", new() { Exact = true });

    public ILocator Password => page.GetByLabel("Password", new() { Exact = true });

    public ILocator SignInButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true });

    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/signin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to the newsroom" })).ToBeVisibleAsync();
    }

    /// <summary>Signs in through the form and waits for the newsroom's dashboard.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        await OpenAsync();
        await UserName.FillAsync(userName);
        await Password.FillAsync(password);
        await SignInButton.ClickAsync();
        await Expect(page).ToHaveURLAsync(NewsroomHome());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"/admin/?$")]
    private static partial Regex NewsroomHome();
}
