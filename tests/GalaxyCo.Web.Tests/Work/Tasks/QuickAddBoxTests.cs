using GalaxyCo.Data;
using GalaxyCo.Domain.Work.Tasks;
using GalaxyCo.Web.Components.Pages.Work.Tasks;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace GalaxyCo.Web.Tests.Work.Tasks;

/// <summary>The quick-add box on its own: no database, a fixed clock, two members.</summary>
public sealed class QuickAddBoxTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    // Wednesday 2026-06-10, 10:00 in Chicago.
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 15, 0, 0, TimeSpan.Zero);
    private static readonly Guid Anna = Guid.NewGuid();

    private static readonly QuickAddContext Context = new(Now, TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"),
        [new QuickAddMember(Anna, "Anna Li", "Anna", "anna.li@acme.test"), new QuickAddMember(Guid.NewGuid(), "Bob Smith", "Bob", "bob@acme.test")]);

    /// <summary>A context with MudBlazor and the fixed clock; dispose it asynchronously (MudBlazor's key interceptor requires it).</summary>
    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton<TimeProvider>(new FixedClock(Now));
        return ctx;
    }

    private static IRenderedComponent<QuickAddBox> Render(BunitContext ctx, Func<QuickAddResult, Task<bool>> create) =>
        ctx.Render<QuickAddBox>(p => p.Add(x => x.Context, Context).Add(x => x.Create, create));

    [Fact]
    public async Task Typing_ShowsAChipForEachPartUnderstood()
    {
        await using var ctx = NewContext();
        var cut = Render(ctx, _ => Task.FromResult(true));

        await cut.Find("[data-testid=quick-add-input]").InputAsync(new ChangeEventArgs { Value = "Call Bob tomorrow 3pm !high @anna #acme" });

        Assert.Equal("Due Tomorrow, 3:00 PM", cut.Find("[data-testid=chip-due]").TextContent.Trim());
        Assert.Equal("High priority", cut.Find("[data-testid=chip-priority]").TextContent.Trim());
        Assert.Equal("Anna Li", cut.Find("[data-testid=chip-assignee]").TextContent.Trim());
        Assert.Equal("#acme", cut.Find("[data-testid=chip-tag]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid^=quick-add-error]"));
    }

    [Fact]
    public async Task Enter_CreatesTheParsedTaskAndClearsTheBox()
    {
        var created = new List<QuickAddResult>();
        await using var ctx = NewContext();
        var cut = Render(ctx, r => { created.Add(r); return Task.FromResult(true); });
        var box = cut.Find("[data-testid=quick-add-input]");

        await box.InputAsync(new ChangeEventArgs { Value = "Call Bob tomorrow 3pm !high @anna #acme" });
        await cut.Find("[data-testid=quick-add-input]").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        var task = Assert.Single(created);
        Assert.Equal(("Call Bob", TaskPriority.High, Anna), (task.Title, task.Priority!.Value, task.AssignedTo!.Value));
        Assert.Equal(new DateTime(2026, 6, 11, 20, 0, 0, DateTimeKind.Utc), task.DueDate);
        // Cleared: the typed box was replaced by a fresh, empty one (the page never re-renders the text people type).
        Assert.Equal("1", cut.Find("[data-testid=quick-add-input]").GetAttribute("data-box"));
        Assert.Empty(cut.FindAll("[data-testid=quick-add-preview]"));
    }

    [Fact]
    public async Task UnknownMention_ShowsTheHintAndAddsNothing()
    {
        var created = new List<QuickAddResult>();
        await using var ctx = NewContext();
        var cut = Render(ctx, r => { created.Add(r); return Task.FromResult(true); });

        await cut.Find("[data-testid=quick-add-input]").InputAsync(new ChangeEventArgs { Value = "Review contract @zed" });
        await cut.Find("[data-testid=quick-add-input]").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        Assert.Contains("No member matches @zed", cut.Find("[data-testid=quick-add-error-assignedTo]").TextContent, StringComparison.Ordinal);
        Assert.Empty(created);
        Assert.True(cut.Find("[data-testid=quick-add-submit]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task FailedCreate_KeepsTheTextToFix()
    {
        await using var ctx = NewContext();
        var cut = Render(ctx, _ => Task.FromResult(false));

        await cut.Find("[data-testid=quick-add-input]").InputAsync(new ChangeEventArgs { Value = "Call Bob !urgent" });
        await cut.Find("[data-testid=quick-add-input]").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        Assert.Equal("0", cut.Find("[data-testid=quick-add-input]").GetAttribute("data-box"));
        Assert.Equal("Urgent priority", cut.Find("[data-testid=chip-priority]").TextContent.Trim());
    }

    [Fact]
    public async Task Escape_ClearsTheBox()
    {
        await using var ctx = NewContext();
        var cut = Render(ctx, _ => Task.FromResult(true));

        await cut.Find("[data-testid=quick-add-input]").InputAsync(new ChangeEventArgs { Value = "Call Bob tomorrow" });
        await cut.Find("[data-testid=quick-add-input]").KeyDownAsync(new KeyboardEventArgs { Key = "Escape" });

        Assert.Equal("1", cut.Find("[data-testid=quick-add-input]").GetAttribute("data-box"));
        Assert.Empty(cut.FindAll("[data-testid=chip-due]"));
    }
}
