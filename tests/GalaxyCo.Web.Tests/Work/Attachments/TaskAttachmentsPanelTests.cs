using System.Text;
using GalaxyCo.Data;
using GalaxyCo.Data.Work;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Work;
using GalaxyCo.Domain.Work.Attachments;
using GalaxyCo.Domain.Workspaces;
using GalaxyCo.Web.Components.Pages.Work.Attachments;
using GalaxyCo.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Web.Tests.Work.Attachments;

[Collection(PostgresCollection.Name)]
public sealed class TaskAttachmentsPanelTests(PostgresDatabase db) : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "galaxyco-panel-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private GalaxyBunitContext Context(Guid userId, string email) => new(db, userId, email, services =>
    {
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Files:Root"] = root }).Build());
        services.AddWork();
        services.AddSingleton<AntiforgeryStateProvider>(new FixedToken());
    });

    private async Task<WorkTask> TaskAsync(TestWorkspace w)
    {
        var task = new WorkTask { Title = "Panel task", CreatedBy = w.OwnerUserId };
        await using var ctx = db.CreateContext(w.Tenant());
        ctx.Tasks.Add(task);
        await ctx.SaveChangesAsync();
        return task;
    }

    [Fact]
    public async Task Render_Viewer_ListsFilesWithLinksButNoUploadOrDelete()
    {
        var w = await db.CreateWorkspaceAsync("Panel Viewer");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        var task = await TaskAsync(w);
        await using (var owner = Context(w.OwnerUserId, w.OwnerEmail))
        {
            Assert.True((await owner.Services.GetRequiredService<WorkspaceScope>().EnterAsync(w.Slug, w.OwnerUserId)).Succeeded);
            var service = owner.Services.GetRequiredService<TaskAttachmentService>();
            Assert.True((await service.UploadAsync(task.Id, "plan.csv", new MemoryStream(Encoding.UTF8.GetBytes("a,b\n1,2\n")))).Succeeded);
            Assert.True((await service.UploadAsync(task.Id, "shot.png", new MemoryStream([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]))).Succeeded);
        }
        await using var ctx = Context(viewer.UserId, viewer.Email);
        Assert.True((await ctx.Services.GetRequiredService<WorkspaceScope>().EnterAsync(w.Slug, viewer.UserId)).Succeeded);
        ctx.RenderProviders();

        var cut = ctx.Render<TaskAttachmentsPanel>(p => p.Add(x => x.TaskId, task.Id));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=attachment-row]").Count));
        var links = cut.FindAll("[data-testid=attachment-download]");
        var csv = links.Single(l => l.TextContent == "plan.csv");
        Assert.Equal("plan.csv", csv.GetAttribute("download"));
        Assert.StartsWith($"/w/{w.Slug}/work/tasks/{task.Id}/attachments/", csv.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("_blank", links.Single(l => l.TextContent == "shot.png").GetAttribute("target"));
        Assert.Contains("Panel Viewer Owner", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=attachment-delete]"));
        Assert.Empty(cut.FindAll("[data-testid=attachment-drop]"));
    }

    [Fact]
    public async Task Upload_WrongTypeThenText_ShowsErrorThenTheNewRow()
    {
        var w = await db.CreateWorkspaceAsync("Panel Upload");
        var task = await TaskAsync(w);
        await using var ctx = Context(w.OwnerUserId, w.OwnerEmail);
        Assert.True((await ctx.Services.GetRequiredService<WorkspaceScope>().EnterAsync(w.Slug, w.OwnerUserId)).Succeeded);
        ctx.RenderProviders();
        var cut = ctx.Render<TaskAttachmentsPanel>(p => p.Add(x => x.TaskId, task.Id));
        cut.WaitForElement("[data-testid=attachments-empty]");

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("echo hi", "deploy.sh"));
        cut.WaitForAssertion(() => Assert.Contains(".sh files can't be attached", cut.Find("[data-testid=attachment-error]").TextContent, StringComparison.Ordinal));

        cut.FindComponents<InputFile>()[^1].UploadFiles(InputFileContent.CreateFromText("hello", "notes.txt"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=attachment-row]")));
        Assert.Contains("notes.txt", cut.Find("[data-testid=attachment-row]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=attachment-error]"));
    }

    private sealed class FixedToken : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
