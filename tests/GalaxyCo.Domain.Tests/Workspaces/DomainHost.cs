using GalaxyCo.Data;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Mail;
using GalaxyCo.Domain.Workspaces;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Workspaces;

/// <summary>
/// The real Domain services on the real test database, as the web app wires them. Mail goes to the real folder
/// outbox sender in a temp folder so tests read what a person would receive.
/// </summary>
public sealed class DomainHost : IDisposable
{
    private readonly ServiceProvider provider;

    public DomainHost(PostgresDatabase db, TimeProvider? clock = null)
    {
        MailFolder = Directory.CreateTempSubdirectory("galaxyco-mail-").FullName;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGalaxyData(db.AppConnectionString);
        services.AddWorkspaces();
        services.AddAudit();
        services.Configure<MailOptions>(o => o.OutboxDirectory = MailFolder);
        services.AddSingleton<IMailSender, FolderOutboxMailSender>();
        services.AddDataProtection().SetApplicationName("GalaxyCo.Tests");
        if (clock is not null) services.AddSingleton(clock);
        provider = services.BuildServiceProvider();
    }

    public string MailFolder { get; }

    /// <summary>A person acting in a workspace: a fresh scope (one request or circuit) entered into the slug.</summary>
    public async Task<AsyncServiceScope> ActAsync(string slug, Guid userId)
    {
        var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Actor = new AuditActor($"{userId}@test");
        var entered = await scope.ServiceProvider.GetRequiredService<WorkspaceScope>().EnterAsync(slug, userId);
        Assert.True(entered.Succeeded, $"user {userId} should be a member of {slug}");
        return scope;
    }

    /// <summary>A scope for a signed-in person outside any workspace (creating one, accepting an invitation).</summary>
    public AsyncServiceScope Anonymous(Guid? userId = null)
    {
        var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().SetUser(userId);
        return scope;
    }

    /// <summary>The first link in the newest mail sent to <paramref name="to"/>.</summary>
    public string LinkInLatestMailTo(string to)
    {
        var file = Directory.GetFiles(MailFolder, "*.eml").Where(f => f.Contains(to, StringComparison.OrdinalIgnoreCase)).OrderBy(f => f).LastOrDefault();
        Assert.NotNull(file);
        var message = MimeKit.MimeMessage.Load(file);
        var match = System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", @"https?://\S+");
        Assert.True(match.Success, "the mail should contain a link");
        return match.Value;
    }

    public static string TokenOf(string link) => Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    public void Dispose()
    {
        provider.Dispose();
        try { Directory.Delete(MailFolder, recursive: true); } catch (IOException) { }
    }
}
